"""crosscheck on Spark (local mode): extraction as a map, comparison as a
reduce by key, both done by the crosscheck binary, checked against one
machine's `report --format json` over the same documents.

Stage 1 (map): the documents, one JSON article a line, are piped through
`crosscheck extract - --format jsonl` (RDD.pipe); any task can take any
slice of the corpus, since extraction is stateless.

Stage 2 (reduce by key): task I of N runs `crosscheck report ... --format
json --partition I/N`, which judges only the keys whose hash falls in
partition I. With a binary that reads saved claims (`report --claims -`)
the task is fed the claims of stage 1; without it, the task reads the
documents again and judges only its keys.

The driver merges the N reports (comparisons and claims) and checks they
equal the single-machine report.

    python3 crosscheck_spark.py --corpus tests/fixtures/dev --partitions 3
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import yaml
from pyspark import SparkConf, SparkContext


def corpus_jsonl(corpus, out_path):
    """A corpus directory with manifest.yaml as JSONL articles."""
    manifest = yaml.safe_load(open(os.path.join(corpus, "manifest.yaml"), encoding="utf-8"))
    with open(out_path, "w", encoding="utf-8") as out:
        for doc in manifest["documents"]:
            with open(os.path.join(corpus, doc["file"]), encoding="utf-8") as f:
                text = f.read()
            line = {"id": doc["id"], "outlet": doc.get("outlet"), "text": text}
            for field in ("language", "url", "wires"):
                if doc.get(field) is not None:
                    line[field] = doc[field]
            if doc.get("published") is not None:
                line["published"] = str(doc["published"])
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def reads_saved_claims(binary):
    """True when the binary's `report` reads saved claims (`--claims`)."""
    help_text = subprocess.run([binary, "report", "--help"], capture_output=True, text=True).stdout
    return "--claims" in help_text


def report(binary, args, stdin_text):
    """`crosscheck report ... --format json`; exit 1 (a contradiction) is a result."""
    done = subprocess.run(
        [binary, "report", *args, "--format", "json"],
        input=stdin_text,
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"crosscheck report {args} failed: {done.stderr}")
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="tests/fixtures/dev")
    parser.add_argument("--partitions", type=int, default=3)
    parser.add_argument("--binary", default="target/release/crosscheck")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    n = args.partitions

    work = tempfile.mkdtemp(prefix="crosscheck-spark-")
    docs_path = os.path.join(work, "docs.jsonl")
    corpus_jsonl(args.corpus, docs_path)
    with open(docs_path, encoding="utf-8") as f:
        docs_text = f.read()

    sc = SparkContext(conf=SparkConf().setMaster(f"local[{n}]").setAppName("crosscheck"))
    sc.setLogLevel("ERROR")
    try:
        docs = sc.textFile(docs_path, minPartitions=n)
        # Stage 1, the map: extraction in every task.
        claims = docs.pipe(f"{binary} extract - --format jsonl").collect()
        saved = reads_saved_claims(binary)
        claims_text = "\n".join(claims) + "\n"
        feed = sc.broadcast(claims_text if saved else docs_text)
        source = ["--claims", "-"] if saved else ["-"]

        # Stage 2, the reduce by key: task I judges the keys of partition I.
        def judge(index, _):
            yield report(binary, [*source, "--partition", f"{index}/{n}"], feed.value)

        parts = sc.parallelize(range(n), n).mapPartitionsWithIndex(judge).collect()
    finally:
        sc.stop()

    whole = report(binary, ["-"], docs_text)
    by = lambda field: (lambda item: json.dumps(item[field], sort_keys=True, ensure_ascii=False))
    merged_comparisons = sorted((c for p in parts for c in p["comparisons"]), key=by("key"))
    merged_claims = sorted((c for p in parts for c in p["claims"]), key=by("id"))
    same = (
        merged_comparisons == sorted(whole["comparisons"], key=by("key"))
        and merged_claims == sorted(whole["claims"], key=by("id"))
        and sorted(json.loads(line)["id"] for line in claims if line.strip())
        == sorted(c["id"] for c in whole["claims"])
    )
    print(
        f"{len(claims)} claims extracted in Spark; {len(merged_comparisons)} keys judged in "
        f"{n} partitions ({[len(p['comparisons']) for p in parts]}); "
        f"stage 2 fed {'saved claims' if saved else 'the documents again'}; "
        f"equal to one machine's report: {same}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
