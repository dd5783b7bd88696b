#!/usr/bin/env bash
# Fuzz the Allo frontend (lexer, parser, lowering, schedule script and its steps) with libFuzzer for
# SECONDS seconds; fails on any crash, sanitizer report, leak, or input that takes more
# than 10 s. Installs the Debian packages the fuzz build needs (only those missing),
# then builds only fuzz_frontend in build-fuzz/ with Clang.
# Usage: scripts/fuzz.sh [SECONDS]          (default 60)
# New inputs go to build-fuzz/corpus/, crash and timeout inputs to build-fuzz/crash-*,
# build-fuzz/timeout-*; the seed folders (test/fuzz/corpus/, docs/examples/, docs/primitives/examples/,
# test/e2e/schedules/) are only read. Reproduce one
# with build-fuzz/fuzz_frontend FILE, minimize it with
# build-fuzz/fuzz_frontend -minimize_crash=1 -runs=10000 FILE.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="$root/build-fuzz"

# libclang-rt-14-dev holds libFuzzer and the sanitizer runtimes of Debian 12's clang (14).
# isl, gmp, NTL: fuzz_frontend (core/ + polyhedral/ + frontends/allo/) links them.
packages=(cmake make pkg-config clang libclang-rt-14-dev libfmt-dev libisl-dev libgmp-dev
          libntl-dev)
"$root/scripts/install-packages.sh" "${packages[@]}"

CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPOLYALLO_FUZZ=ON -DPOLYALLO_BUILD_TESTS=OFF
cmake --build "$build_dir" --target fuzz_frontend -j "${POLYALLO_JOBS:-2}"

# libFuzzer writes new inputs into the first corpus directory only: the scratch one.
mkdir -p "$build_dir/corpus"
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$root"
"$build_dir/fuzz_frontend" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=4096 -dict=test/fuzz/allo.dict -print_final_stats=1 \
  -artifact_prefix="$build_dir/" "$build_dir/corpus" test/fuzz/corpus docs/examples \
  docs/primitives/examples test/e2e/schedules
