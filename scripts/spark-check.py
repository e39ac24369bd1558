"""`make test-spark`: relais as the map step of a real local Spark job.

Splits JSONL documents ({"id", "text"}) into partitions, pipes each through
`relais run --input jsonl - --quiet` with RDD.pipe, and checks that the
records Spark collects are the records one plain run writes over the same
lines, in the same order. The `source` of a JSONL document names its line
within the input relais was given, so in a partition it is the line within
the partition: the check compares every record with `source` set aside and
then checks each partition's sources on their own.

It also holds the exit-code contract: with checkCode=False (PySpark's
default) a bad document is an error record in the output and the job
succeeds; with checkCode=True the partition's exit 1 fails the job.

Usage: spark-check.py RELAIS GLOSSARIES DOCUMENT_FOLDER...
"""

import json
import os
import shlex
import subprocess
import sys


def documents(folders):
    lines = []
    for folder in folders:
        for root, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                if name.endswith(".txt"):
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8-sig", newline="") as handle:
                        text = handle.read()
                    relative = os.path.relpath(path, folder)[: -len(".txt")]
                    lines.append(json.dumps({"id": relative, "text": text}, ensure_ascii=False))
    return lines


def without_source(record):
    record = dict(record)
    record.pop("source", None)
    return record


def main():
    relais, glossaries, folders = sys.argv[1], sys.argv[2], sys.argv[3:]
    lines = documents(folders)
    # A line that is not a document: an error record, exit 1 for its partition.
    bad = lines + ['["not", "a", "document"]']
    command = [relais, "run", "--input", "jsonl", "-", "--quiet", "--glossaries", glossaries]
    plain = subprocess.run(
        command, input="\n".join(lines) + "\n", capture_output=True, text=True, check=True
    ).stdout.splitlines()

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setMaster("local[2]").setAppName("relais-check")
    conf.set("spark.ui.enabled", "false")
    context = SparkContext(conf=conf)
    context.setLogLevel("ERROR")
    try:
        partitions = 3
        rdd = context.parallelize(lines, partitions)
        piped = rdd.pipe(shlex.join(command), checkCode=True)
        collected = piped.collect()
        assert len(collected) == len(plain), (len(collected), len(plain))
        mismatches = [
            index
            for index, (spark, single) in enumerate(zip(collected, plain))
            if without_source(json.loads(spark)) != without_source(json.loads(single))
        ]
        assert not mismatches, f"records differ at lines {mismatches[:5]}"
        # Within each partition, sources count its own lines from 1.
        per_partition = piped.glom().collect()
        for records in per_partition:
            sources = [
                json.loads(line)["source"]
                for line in records
                if json.loads(line)["type"] == "document"
            ]
            assert sources == [f"<stdin>:{n}" for n in range(1, len(sources) + 1)], sources
        assert sum(1 for part in per_partition if part) == partitions

        # Exit 1 is a bad document, written as an error record.
        tolerant = context.parallelize(bad, partitions).pipe(shlex.join(command)).collect()
        errors = [json.loads(line) for line in tolerant if '"type":"error"' in line]
        assert [error["code"] for error in errors] == ["E021"], errors
        try:
            context.parallelize(bad, partitions).pipe(shlex.join(command), checkCode=True).collect()
        except Exception as failure:  # Py4J wraps the worker's failure
            assert "exited with error code 1" in str(failure), str(failure)[:500]
        else:
            raise AssertionError("checkCode=True let a partition's exit 1 pass")
    finally:
        context.stop()
    print(f"spark: {len(lines)} documents in {partitions} partitions, "
          f"{len(collected)} records equal to one run's; checkCode semantics hold")


if __name__ == "__main__":
    main()
