#!/usr/bin/env bash
# Runs examples/spark/geokg_spark.py in Spark local mode (PySpark from PyPI, Java 17) over the
# articles of ../shared/corpus (or examples/articles) as JSON Lines, and checks that the merged
# partial graphs equal a single-machine build. About a minute on two cores, most of it Spark's
# start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import pyspark" 2>/dev/null || python3 -m pip install --quiet pyspark
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=../shared/corpus/articles
[ -d "$src" ] || src=examples/articles
python3 - "$src" "$work/corpus.jsonl" <<'PY'
import json, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for p in sorted(src.glob("*.txt")):
        f.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
PY
python3 examples/spark/geokg_spark.py "$PWD/target/release/geokg" "$work/corpus.jsonl" "$work/out" 4
