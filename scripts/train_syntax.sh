#!/usr/bin/env bash
# Retrains the embedded syntax models (data/syntax/{fr,en}.gksyn) from the Universal Dependencies
# treebanks in ../shared/ud (see data/syntax/README.md). Deterministic: the same treebanks give the
# same files. About 5 minutes per language on one core; the two run in parallel.
#   scripts/train_syntax.sh [fr|en|all] [UD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"
ud="${2:-../shared/ud}"
cargo build --release --quiet
geokg=target/release/geokg
mkdir -p data/syntax
if [ "$which" = fr ] || [ "$which" = all ]; then
  "$geokg" train-syntax --lang fr \
    --train "$ud/fr_sequoia/fr_sequoia-ud-train.conllu" \
    --train "$ud/fr_gsd/fr_gsd-ud-dev.conllu" \
    --train "$ud/fr_pud/fr_pud-ud-test.conllu" \
    --dev "$ud/fr_sequoia/fr_sequoia-ud-dev.conllu" \
    -o data/syntax/fr.gksyn 2> data/syntax/fr.train.log &
fi
if [ "$which" = en ] || [ "$which" = all ]; then
  "$geokg" train-syntax --lang en \
    --train "$ud/en_ewt/en_ewt-ud-train.conllu" \
    --dev "$ud/en_ewt/en_ewt-ud-dev.conllu" \
    -o data/syntax/en.gksyn 2> data/syntax/en.train.log &
fi
wait
tail -n 3 data/syntax/*.train.log
