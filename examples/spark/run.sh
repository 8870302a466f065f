#!/bin/sh
# Runs crosscheck on Spark (local mode) over the development corpus and
# checks the merged result equals one machine's `report --format json`.
# Needs Java 17+ and `pip install pyspark pyyaml`. Run from anywhere.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cargo build --release --quiet
python3 examples/spark/crosscheck_spark.py --corpus tests/fixtures/dev --partitions "${1:-3}"
