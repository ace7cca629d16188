#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) with cargo-fuzz (libFuzzer). The machine has one
# stable toolchain: RUSTC_BOOTSTRAP lets it take the nightly flags cargo-fuzz passes.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ingest segment syntax extract graph_json graph_bin lexicon graph_ops)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for t in "${targets[@]}"; do
  echo "== $t ($secs s)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$t" -- -max_total_time="$secs" -max_len=20000 2>&1 | tail -3
done
