#!/usr/bin/env bash
# Usage: fuzz/run.sh [SECONDS [TARGET...]]. Runs each fuzz target (all by
# default) for SECONDS seconds (default 600), one after another, on one core. Needs cargo-fuzz (`cargo install cargo-fuzz`); the
# stable toolchain is asked for nightly features with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=${*:-normalize numbers dates rules extract corpus reference}
for target in $targets; do
  mkdir -p "fuzz/corpus/$target"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    2>&1 | tail -n 25 > "fuzz/last-run-$target.log" || { echo "$target: crashed, see fuzz/artifacts/$target"; exit 1; }
  echo "$target: $(grep -E 'stat::number_of_executed_units|Done' "fuzz/last-run-$target.log" | tr '\n' ' ')"
done
