#!/usr/bin/env bash
# Runs the benchmark suite (a few minutes on 2 cores) and writes docs/benchmarks.md and the
# plots in docs/img/. Run it on a quiet machine: every stream is measured in real time.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
exec meson devenv -C build --workdir "$PWD" bench/suite/webdesk-bench-suite "$@"
