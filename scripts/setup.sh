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

packages=(cmake make g++ pkg-config libisl-dev libgmp-dev libntl-dev libfmt-dev
          libgtest-dev googletest libbenchmark-dev)
missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=$(command -v sudo)
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$build_dir" -j "${POLYALLO_JOBS:-2}"
