"""geokg on Spark: extraction is a stateless map from JSON Lines to JSON Lines, and merging graphs
is an associative, commutative reduce. This job runs both on a JSON Lines corpus in Spark local
mode and checks that the result equals a single-machine run.

usage: geokg_spark.py GEOKG_BINARY CORPUS.jsonl WORKDIR [PARTITIONS]
"""
import json
import os
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession


def partial_graph(geokg, lines):
    """Builds the graph of one partition's articles; yields its graph file as one string."""
    lines = list(lines)
    if not lines:
        return
    with tempfile.TemporaryDirectory() as tmp:
        part = os.path.join(tmp, "part.jsonl")
        with open(part, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        out = os.path.join(tmp, "graph.json")
        subprocess.run([geokg, "build", "--quiet", part, "-o", out], check=True)
        with open(out, encoding="utf-8") as f:
            yield f.read()


def main():
    geokg, corpus, work = sys.argv[1], sys.argv[2], sys.argv[3]
    partitions = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    os.makedirs(work, exist_ok=True)
    spark = SparkSession.builder.master("local[2]").appName("geokg").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    articles = spark.sparkContext.textFile(corpus, partitions).filter(lambda l: l.strip())

    # map: JSON Lines of articles -> JSON Lines of events, through geokg's standard input
    events = articles.pipe(f"{geokg} extract --quiet -").map(json.loads).collect()

    # map-reduce: a partial graph per partition, merged by `geokg merge`
    parts = articles.mapPartitions(lambda it: partial_graph(geokg, it)).collect()
    paths = []
    for i, text in enumerate(parts):
        p = os.path.join(work, f"part-{i}.json")
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        paths.append(p)
    merged = os.path.join(work, "spark-graph.json")
    subprocess.run([geokg, "merge", *paths, "-o", merged], check=True)
    spark.stop()

    # the same work on one machine
    single = os.path.join(work, "single-graph.json")
    subprocess.run([geokg, "build", "--quiet", corpus, "-o", single], check=True)
    single_events = [json.loads(l) for l in subprocess.run(
        [geokg, "extract", "--quiet", corpus], check=True, capture_output=True, text=True).stdout.splitlines()]

    key = lambda e: (e["doc"], e["sentence"], e["source"]["id"], e["relation"]["cameo"], e["target"]["id"])
    same_events = sorted(map(key, events)) == sorted(map(key, single_events))
    same_graph = open(merged, encoding="utf-8").read() == open(single, encoding="utf-8").read()
    print(f"{len(events)} events from {partitions} partitions; same events: {same_events}; "
          f"{len(parts)} partial graphs merged; same graph: {same_graph}")
    sys.exit(0 if same_events and same_graph else 1)


if __name__ == "__main__":
    main()
