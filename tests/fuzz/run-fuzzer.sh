#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs one libFuzzer target from its seed corpus for SECONDS, in a scratch corpus (the seeds in
# the tree are only read), and prints libFuzzer's last status line (executions per second,
# coverage). A crash leaves its input in CRASH_DIR (default: the current folder) and fails.
#
#   tests/fuzz/run-fuzzer.sh build/tests/fuzz/fuzz-control-message tests/fuzz/corpus/control-message 600
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=${3:-5}
crash_dir=${CRASH_DIR:-$PWD}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
log="$scratch/log"
status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$crash_dir/$(basename "$fuzzer")-" -print_final_stats=1 \
  "$scratch" "$seeds" >"$log" 2>&1 || status=$?
grep -E '^#[0-9]+.*(DONE|INITED)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb' "$log" || true
if [ "$status" -ne 0 ]; then
  tail -60 "$log"
  echo "$(basename "$fuzzer"): found a crash (input saved under $crash_dir)" >&2
fi
exit "$status"
