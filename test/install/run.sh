#!/usr/bin/env bash
# Install an already-built polyallo into a temporary prefix, then configure, build and
# run the consumer project in test/install/consumer against it.
# Usage: test/install/run.sh BUILD_DIR SOURCE_DIR [CXX_COMPILER]
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SOURCE_DIR [CXX_COMPILER]" >&2
  exit 2
fi
build_dir=$1
source_dir=$2
compiler_args=()
if [ $# -ge 3 ] && [ -n "$3" ]; then
  compiler_args=(-DCMAKE_CXX_COMPILER="$3")
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/polyallo-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build_dir" --prefix "$tmp/prefix"
cmake -S "$source_dir/test/install/consumer" -B "$tmp/build" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" "${compiler_args[@]}"
cmake --build "$tmp/build" -j2
"$tmp/build/consumer"

# The installed command runs the main job.
"$tmp/prefix/bin/polyallo" run "$source_dir/docs/examples/gemm.py" | grep "verdict: MATCH" >/dev/null
