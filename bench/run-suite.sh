#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs the benchmark suite (a few minutes on 2 cores) and writes docs/benchmarks.md and the
# plots in docs/img/. Run it on a quiet machine: every stream is measured in real time, and the
# browser latency runs headless Chromium on the same cores.
#
#   bench/run-suite.sh                        # builds ./build, runs everything, writes the page
#   bench/run-suite.sh --only typing --no-write --scale 0.5   # a quick look, nothing written
#   BUILD_DIR=build-x bench/run-suite.sh      # another (configured) build folder
#
# Options are the suite's: --only NAME, --scale X, --streams webdesk,constant-rate,jpeg,
# --no-browser, --no-write, --page FILE, --img DIR (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
# Benchmarks are not built by default (-Dbench=enabled); turn them on in this build folder.
if [ -f "$build/build.ninja" ] && ! grep -q 'webdesk-bench-suite' "$build/build.ninja"; then
  meson configure "$build" -Dbench=enabled >/dev/null
fi
if [ "$build" = build ]; then
  tools/build.sh
else
  ninja -C "$build" >/dev/null || { ninja -C "$build"; exit 1; }
fi
exec meson devenv -C "$build" --workdir "$PWD" "$build/bench/suite/webdesk-bench-suite" "$@"
