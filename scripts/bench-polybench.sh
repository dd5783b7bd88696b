#!/usr/bin/env bash
# The PolyBench benchmark: sets up build-bench/ (Release, benchmarks on, tests off; installs
# missing Debian packages as setup.sh does), builds the runner and runs it on every kernel
# of bench/polybench at the dataset sizes SIZES (default MINI,SMALL), writing
# bench/results/polybench.md and polybench.json: compile time, estimated latency of the
# kernel as written and under its schedule, DSP, BRAM, CPU simulation time against gcc -O3,
# and whether the scheduled result equals the unscheduled one.
# Usage: scripts/bench-polybench.sh [SIZES]      e.g. scripts/bench-polybench.sh MINI,SMALL,MEDIUM
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=${1:-MINI,SMALL}
"$root/scripts/setup.sh" build-bench -DPOLYALLO_BUILD_BENCH=ON -DPOLYALLO_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=Release
"$root/build-bench/bench_polybench" --sizes "$sizes" --out "$root/bench/results" \
  --command "scripts/bench-polybench.sh $sizes"
