#!/usr/bin/env bash
# Runs every fuzz target for SECONDS seconds each (default 600), one after
# another, on one core. Needs cargo-fuzz (`cargo install cargo-fuzz`); the
# stable toolchain is asked for nightly features with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
for target in normalize numbers dates rules extract; do
  mkdir -p "fuzz/corpus/$target"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    2>&1 | tail -n 25 > "fuzz/last-run-$target.log" || { echo "$target: crashed, see fuzz/artifacts/$target"; exit 1; }
  echo "$target: $(grep -E 'stat::number_of_executed_units|Done' "fuzz/last-run-$target.log" | tr '\n' ' ')"
done
