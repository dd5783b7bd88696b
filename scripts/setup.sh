#!/usr/bin/env bash
# Install the Debian packages polyallo needs (only those missing), configure and build.
# Usage: scripts/setup.sh [BUILD_DIR] [CMAKE_ARGS...]
#   BUILD_DIR defaults to build/ (relative to the repository root); later -D arguments
#   override the defaults, e.g. scripts/setup.sh build-asan -DPOLYALLO_SANITIZE=ON
# Idempotent: with every package installed it neither needs the network nor root.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=build
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build_dir=$1
  shift
fi
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac

# python3: test/cli/run.sh validates the JSON the command writes with python3 -m json.tool.
# graphviz: `polyallo graph -o X.svg` renders with its dot (optional: without it the command
# writes X.dot), and test/cli/run.sh checks the DOT it writes with dot when there is one.
packages=(cmake make g++ pkg-config libisl-dev libgmp-dev libntl-dev libfmt-dev
          libgtest-dev googletest libbenchmark-dev python3 graphviz)
"$root/scripts/install-packages.sh" "${packages[@]}"

cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" -j "${POLYALLO_JOBS:-2}"
