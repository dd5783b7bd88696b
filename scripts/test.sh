#!/usr/bin/env bash
# Set up and build (scripts/setup.sh, same arguments), then run every test with ctest.
# Usage: scripts/test.sh [BUILD_DIR] [CMAKE_ARGS...]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=build
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  build_dir=$1
fi
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac

"$root/scripts/setup.sh" "$@"
ctest --test-dir "$build_dir" --output-on-failure -j "${POLYALLO_JOBS:-2}"
