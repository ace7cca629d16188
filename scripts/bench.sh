#!/usr/bin/env bash
# Prints geokg's throughput table (extraction MB/s per core, build, merge, load, query, memory).
# GEOKG_BENCH_MB sets the size of the article corpus in memory (default 50), GEOKG_BENCH_EDGES the
# size of the synthetic graphs (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB"
cargo bench --quiet --bench throughput 2>/dev/null
