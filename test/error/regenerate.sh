#!/usr/bin/env bash
# Rewrites the `# expect:` line of every test/error/*.py (or of the files named)
# with the first stderr line `polyallo run FILE` prints now, run from inside
# test/error as test/cli/run.sh runs it. Review the diff: every message must
# state the rule and what would be legal.
#
#   test/error/regenerate.sh build/polyallo [test/error/NAME.py ...]
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 POLYALLO [FILE.py ...]" >&2
  exit 2
fi
polyallo=$(realpath "$1")
shift
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$dir"
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
  files=(*.py)
fi
for f in "${files[@]}"; do
  base=$(basename "$f")
  set +e
  first=$(timeout 60 "$polyallo" run "$base" 2>&1 >/dev/null | head -n 1)
  set -e
  tmp=$(mktemp)
  { printf '# expect: %s\n' "$first"; tail -n +2 "$base"; } >"$tmp"
  cat "$tmp" >"$base"
  rm -f "$tmp"
done
