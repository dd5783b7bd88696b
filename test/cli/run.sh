#!/usr/bin/env bash
# The polyallo command, end to end:
#  (a) every test/error/*.py fails with exit code 1, its first stderr line is the
#      file's `# expect:` line, and a location in the file is rendered with the
#      source line and a caret under the column;
#  (b) smoke checks of the commands, options, exit codes and files they write.
#
#   test/cli/run.sh build/polyallo .          (ctest runs it as cli.commands)
#
# Failures are reported one by one and counted; the script exits 1 at the end
# if there were any.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 POLYALLO REPOSITORY_ROOT" >&2
  exit 2
fi
polyallo=$(realpath "$1")
root=$(realpath "$2")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

failures=0
checks=0

fail() {
  failures=$((failures + 1))
  printf 'FAIL: %s\n' "$1"
  if [[ $# -gt 1 ]]; then
    printf '%s\n' "${@:2}" | sed 's/^/    /'
  fi
}

pass() {
  checks=$((checks + 1))
}

# run OUT ERR CMD... : runs CMD with a time limit, stdout to OUT, stderr to ERR;
# sets $rc (124 = timed out).
run() {
  local out=$1 err=$2
  shift 2
  set +e
  timeout 120 "$@" >"$out" 2>"$err"
  rc=$?
  set -e
}

# ---------------------------------------------------------------- (a) the error corpus

check_error_file() {
  local file=$1 base
  base=$(basename "$file")
  local expect
  expect=$(head -n 1 "$file")
  if [[ $expect != "# expect: "* ]]; then
    fail "$base: the first line must be '# expect: <first line of stderr>'"
    return
  fi
  expect=${expect#"# expect: "}
  local out="$scratch/stdout" err="$scratch/stderr"
  set +e
  (cd "$root/test/error" && timeout 120 "$polyallo" run "$base") >"$out" 2>"$err"
  rc=$?
  set -e
  local first second third
  first=$(sed -n 1p "$err")
  second=$(sed -n 2p "$err")
  third=$(sed -n 3p "$err")
  local ok=1
  if [[ $rc -ne 1 ]]; then
    fail "$base: exit code $rc, expected 1" "$(head -n 5 "$err")"
    ok=0
  fi
  if [[ $first != "$expect" ]]; then
    fail "$base: first line of stderr differs" "--- expected (# expect:)" "+++ actual" \
      "-$expect" "+$first"
    ok=0
  fi
  # A location in the file: the source line, then a caret under the column.
  local loc_re="^${base//./\\.}:([0-9]+):([0-9]+): error: "
  if [[ $first =~ $loc_re ]]; then
    local line=${BASH_REMATCH[1]} col=${BASH_REMATCH[2]}
    local source
    source=$(sed -n "${line}p" "$file" | tr -d '\r')
    if [[ $second != "$source" ]]; then
      fail "$base: the second line of stderr is not line $line of the file" \
        "--- expected (line $line)" "+++ actual" "-$source" "+$second"
      ok=0
    fi
    local width=$((col - 1))
    if ((width > ${#source})); then
      width=${#source}
    fi
    local caret_re="^[ 	]{${width}}\^\$"
    if [[ ! $third =~ $caret_re ]]; then
      fail "$base: the third line of stderr is not a caret under column $col" \
        "--- expected" "+++ actual" "-$(printf '%*s^' "$width" '')" "+$third"
      ok=0
    fi
  fi
  if [[ $ok -eq 1 ]]; then
    pass
  fi
}

shopt -s nullglob
error_files=("$root"/test/error/*.py)
shopt -u nullglob
if [[ ${#error_files[@]} -eq 0 ]]; then
  fail "no test/error/*.py files found under $root"
fi
for f in "${error_files[@]}"; do
  check_error_file "$f"
done

# ---------------------------------------------------------------- (b) smoke checks

out="$scratch/out"
err="$scratch/err"
gemm="$root/docs/examples/gemm.py"

# expect_rc WANT DESCRIPTION : checks $rc after a run().
expect_rc() {
  if [[ $rc -ne $1 ]]; then
    fail "$2: exit code $rc, expected $1" "stdout: $(head -c 400 "$out")" "stderr: $(head -c 400 "$err")"
    return 1
  fi
  return 0
}

# expect_grep FILE PATTERN DESCRIPTION : FILE has a line matching the ERE.
expect_grep() {
  if ! grep -Eq -- "$2" "$1"; then
    fail "$3: no line matches /$2/" "$(head -n 5 "$1")"
    return 1
  fi
  return 0
}

# --version, --help
run "$out" "$err" "$polyallo" --version
expect_rc 0 "--version" && expect_grep "$out" '^polyallo [0-9]+\.[0-9]+' "--version" && pass
for args in "--help" "dump --help" "run --help" "build --help" "graph --help" "estimate --help"; do
  # shellcheck disable=SC2086
  run "$out" "$err" "$polyallo" $args
  expect_rc 0 "$args" && expect_grep "$out" '^usage: polyallo' "$args" && pass
done
run "$out" "$err" "$polyallo" run --help
expect_grep "$out" '--seed' "run --help lists --seed" && pass

# Usage errors: exit code 2, "polyallo: " and the usage on stderr.
usage_case() {
  local what=$1
  shift
  run "$out" "$err" "$polyallo" "$@"
  if expect_rc 2 "$what"; then
    if [[ $(head -c 10 "$err") != "polyallo: " ]]; then
      fail "$what: stderr does not start with 'polyallo: '" "$(head -n 3 "$err")"
    elif ! grep -q '^usage: polyallo' "$err"; then
      fail "$what: stderr does not show the usage" "$(head -n 3 "$err")"
    else
      pass
    fi
  fi
}
usage_case "no command"
usage_case "unknown command" frobnicate "$gemm"
usage_case "unknown option" run --frobnicate "$gemm"
usage_case "option of another command" dump --seed 3 "$gemm"
usage_case "missing FILE" run
usage_case "two FILEs" run "$gemm" "$gemm"
usage_case "build without --target" build "$gemm" -o "$scratch/nowhere"
usage_case "build without -o" build "$gemm" --target c
usage_case "build with an unknown target" build "$gemm" --target fpga -o "$scratch/nowhere"
usage_case "build with a clock that is not a number" build "$gemm" --target vhls --clock-mhz x -o "$scratch/nowhere"
usage_case "bad --seed" run "$gemm" --seed minus-one
usage_case "--seed without a value" run "$gemm" --seed
usage_case "-D without NAME=VALUE" run "$gemm" -D M
usage_case "--input without NAME=FILE" run "$gemm" --input A
usage_case "graph without FILE" graph
usage_case "graph -o of another format" graph "$gemm" -o "$scratch/arch.png"
usage_case "graph --target" graph "$gemm" --target c

# A missing file is an error in the input: exit code 1, naming the file.
run "$out" "$err" "$polyallo" run "$scratch/no-such-file.py"
expect_rc 1 "missing file" && expect_grep "$err" "no-such-file\.py" "missing file names the path" && pass

# run: the verdict
run "$out" "$err" "$polyallo" run "$gemm"
expect_rc 0 "run gemm.py" && expect_grep "$out" '^verdict: MATCH$' "run gemm.py" && pass
run "$out" "$err" "$polyallo" run "$gemm" --seed 12345
expect_rc 0 "run gemm.py --seed 12345" && expect_grep "$out" '^verdict: MATCH$' "run --seed" && pass

# run --kernel nosuch names the kernels there are.
run "$out" "$err" "$polyallo" run "$gemm" --kernel nosuch
expect_rc 1 "run --kernel nosuch" &&
  expect_grep "$err" "error: .*'nosuch'.*kernels are gemm" "run --kernel nosuch names the kernels" && pass

# dump, text and JSON
run "$out" "$err" "$polyallo" dump "$gemm"
expect_rc 0 "dump gemm.py" && expect_grep "$out" 'array A +float32\[32, 32\]' "dump gemm.py" &&
  expect_grep "$out" 'domain' "dump gemm.py shows domains" && pass
run "$out" "$err" "$polyallo" dump --json "$gemm"
if expect_rc 0 "dump --json gemm.py"; then
  if python3 -m json.tool "$out" >/dev/null 2>"$scratch/json.err"; then
    pass
  else
    fail "dump --json gemm.py: not valid JSON" "$(cat "$scratch/json.err")"
  fi
fi

# -D NAME=VALUE overrides a module constant: visible in the shapes dump prints.
run "$out" "$err" "$polyallo" dump -D M=8 "$gemm"
expect_rc 0 "dump -D M=8" && expect_grep "$out" 'array A +float32\[8, 32\]' "dump -D M=8 changes A's shape" &&
  expect_grep "$out" 'array C +float32\[8, 32\]' "dump -D M=8 changes C's shape" && pass
run "$out" "$err" "$polyallo" dump -DM=8 "$gemm"
expect_rc 0 "dump -DM=8" && expect_grep "$out" 'array A +float32\[8, 32\]' "dump -DM=8 (attached value)" && pass
run "$out" "$err" "$polyallo" dump -D Q=3 "$gemm"
expect_rc 1 "dump -D Q=3 (no such constant)" &&
  expect_grep "$err" "-D Q: .* assigns no module constant 'Q'; .*the module constants are K, M, N" \
    "an unused -D names the constants that exist" && pass

# build --target c: DIR/kernel.c compiles as strict C11.
cdir="$scratch/c"
run "$out" "$err" "$polyallo" build "$gemm" --target c -o "$cdir"
if expect_rc 0 "build --target c"; then
  if [[ ! -s $cdir/kernel.c ]]; then
    fail "build --target c: $cdir/kernel.c was not written"
  elif ! cc -std=c11 -Wall -Wextra -Werror -c "$cdir/kernel.c" -o "$cdir/kernel.o" 2>"$scratch/cc.err"; then
    fail "build --target c: kernel.c does not compile with cc -std=c11 -Wall -Wextra -Werror" \
      "$(head -n 20 "$scratch/cc.err")"
  else
    pass
  fi
fi

# build --target vhls / vitis_hls: the project's `make csim` builds the testbench with g++
# and our csim headers and runs it on .npy inputs written by `polyallo run --output`.
for target in vhls vitis_hls; do
  hdir="$scratch/$target"
  run "$out" "$err" "$polyallo" build "$gemm" --target "$target" -o "$hdir"
  if expect_rc 0 "build --target $target"; then
    mkdir -p "$hdir/data"
    run "$out" "$err" "$polyallo" run "$gemm" --output "A=$hdir/data/A.npy" \
      --output "B=$hdir/data/B.npy" --output "C=$hdir/data/C.npy"
    if ! make -C "$hdir" csim >"$scratch/make.out" 2>&1; then
      fail "build --target $target: make csim failed" "$(tail -n 20 "$scratch/make.out")"
    elif ! cmp -s <(tail -c +129 "$hdir/out/C.npy") <(tail -c +129 "$hdir/data/C.npy"); then
      fail "build --target $target: the testbench's C differs from polyallo run's"
    else
      pass
    fi
  fi
done

# build --target ir: ir.txt, model.txt, model.json (valid JSON).
irdir="$scratch/ir"
run "$out" "$err" "$polyallo" build "$gemm" --target ir -o "$irdir"
if expect_rc 0 "build --target ir"; then
  missing=""
  for f in ir.txt model.txt model.json; do
    [[ -s $irdir/$f ]] || missing+=" $f"
  done
  if [[ -n $missing ]]; then
    fail "build --target ir: not written:$missing"
  elif ! python3 -m json.tool "$irdir/model.json" >/dev/null 2>"$scratch/json.err"; then
    fail "build --target ir: model.json is not valid JSON" "$(cat "$scratch/json.err")"
  else
    pass
  fi
fi

# --output then --input: arrays round-trip through .npy files byte for byte.
work="$scratch/npy"
mkdir -p "$work"
cat >"$work/copy.py" <<'EOF'
import allo
from allo.ir.types import int32

M, N = 4, 8


def copy(A: int32[M, N]) -> int32[M, N]:
    C: int32[M, N] = 0
    for i, j in allo.grid(M, N):
        C[i, j] = A[i, j]
    return C


def transposed(A: int32[N, M]) -> int32[N, M]:
    C: int32[N, M] = 0
    for i, j in allo.grid(N, M):
        C[i, j] = A[i, j]
    return C
EOF
# The first run's random input A, written out, is the second run's input.
run "$out" "$err" "$polyallo" run "$work/copy.py" --kernel copy --seed 7 --output A="$work/in.npy" \
  --output C="$work/first.npy"
if expect_rc 0 "run --output A=in.npy" && [[ -s $work/in.npy ]]; then
  run "$out" "$err" "$polyallo" run "$work/copy.py" --kernel copy --input A="$work/in.npy" \
    --output C="$work/out.npy"
  if expect_rc 0 "run --input A=in.npy --output C=out.npy" && expect_grep "$out" "in\.npy" \
    "run --input names the file the array came from"; then
    if cmp -s "$work/in.npy" "$work/out.npy" && cmp -s "$work/first.npy" "$work/out.npy"; then
      pass
    else
      fail "--input/--output round trip: in.npy, first.npy and out.npy differ" \
        "$(od -A d -t x1 "$work/in.npy" | head -n 4)" "$(od -A d -t x1 "$work/out.npy" | head -n 4)"
    fi
  fi
elif [[ $rc -eq 0 ]]; then
  fail "run --output A=in.npy: $work/in.npy was not written"
fi

# --input with the wrong shape is an error naming the array.
run "$out" "$err" "$polyallo" run "$work/copy.py" --kernel transposed --input A="$work/in.npy"
expect_rc 1 "run --input of the wrong shape" &&
  expect_grep "$err" "error: .*\bA\b" "run --input of the wrong shape names the array" && pass
# --input of an array the kernel does not have names the ones it has.
run "$out" "$err" "$polyallo" run "$work/copy.py" --kernel copy --input Q="$work/in.npy"
expect_rc 1 "run --input Q=" && expect_grep "$err" "error: .*'Q'.*A, C" "run --input Q= names the parameters" && pass

# estimate: per loop the II and why, per function latency, DSP and BRAM; --json; a target file.
est="$scratch/estimate"
mkdir -p "$est"
cat >"$est/acc.py" <<'EOF'
import allo
from allo.ir.types import float32, float64


def acc(A: float64[64], s: float64[1]):
    for i in range(64):
        s[0] += A[i]


def ports(A: float32[66], B: float32[64]):
    for i in range(64):
        B[i] = A[i] + A[i + 1] + A[i + 2]


s = allo.customize(acc)
s.pipeline("i")
t = allo.customize(ports)
t.pipeline("i")
EOF
run "$out" "$err" "$polyallo" estimate "$est/acc.py" --kernel acc
expect_rc 0 "estimate --kernel acc" &&
  expect_grep "$out" 'l_S_i_0_i +64 +9 +452  II 7: recurrence on s \(S0 -> S0: 7 cycles.*dadd 7.*distance 1\)' \
    "estimate names the recurrence" &&
  expect_grep "$out" '^acc +454 +3 +1$' "estimate prints latency, DSP, BRAM" && pass
run "$out" "$err" "$polyallo" estimate "$est/acc.py" --kernel ports
expect_rc 0 "estimate --kernel ports" &&
  expect_grep "$out" 'II 2: ports of A bank \[0\] \(3 accesses in one iteration, 2 ports\)' \
    "estimate names the bank" && pass
run "$out" "$err" "$polyallo" estimate "$est/acc.py" --kernel acc --json
if expect_rc 0 "estimate --json"; then
  if python3 -m json.tool "$out" >/dev/null 2>"$scratch/json.err"; then
    pass
  else
    fail "estimate --json: not valid JSON" "$(cat "$scratch/json.err")"
  fi
fi
usage_case "estimate --seed" estimate "$est/acc.py" --seed 1
sed 's/^dadd.latency = 7$/dadd.latency = 9/' "$root/codegen/targets/u280.txt" >"$est/slow.txt"
run "$out" "$err" "$polyallo" estimate "$est/acc.py" --kernel acc --target-file "$est/slow.txt"
expect_rc 0 "estimate --target-file" && expect_grep "$out" 'II 9: recurrence on s' \
  "estimate --target-file changes the latencies" && pass
{
  echo "# a typo"
  echo "fad.latency = 4"
} >"$est/bad.txt"
run "$out" "$err" "$polyallo" estimate "$est/acc.py" --target-file "$est/bad.txt"
expect_rc 1 "estimate with a malformed target file" &&
  expect_grep "$err" "^$est/bad\.txt:2: error: unknown key 'fad\.latency'; the keys are part, clock\.mhz" \
    "a malformed target file is located at its line" && pass
run "$out" "$err" "$polyallo" estimate "$est/acc.py" --target-file "$est/missing.txt"
expect_rc 1 "estimate with a missing target file" &&
  expect_grep "$err" "cannot read the target file" "a missing target file is named" && pass

# graph: the architecture as Graphviz DOT (stdout, -o X.dot, -o X.svg).
arch="$scratch/arch"
mkdir -p "$arch"
cat >"$arch/systolic.py" <<'EOF'
import allo
from allo.ir.types import int8, int16

M, N, K = 2, 3, 4


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
pe = s.unfold("PE", axis=[0, 1], factor=[M, N])
s.to(buf_A, pe, axis=0, depth=M + 1)
s.to(buf_B, pe, axis=1, depth=N + 1)
EOF
run "$out" "$err" "$polyallo" graph "$gemm"
expect_rc 0 "graph gemm.py" && expect_grep "$out" '^digraph "gemm" \{$' "graph prints DOT" &&
  expect_grep "$out" '"gemm/mem/A" \[shape="cylinder", label="A: float32\[32, 32\]"' \
    "graph gemm.py draws A as a memory" && pass
run "$out" "$err" "$polyallo" graph "$arch/systolic.py" -o "$arch/arch.dot"
if expect_rc 0 "graph -o arch.dot" && expect_grep "$out" 'arch\.dot$' "graph -o names the file"; then
  if [[ ! -s $arch/arch.dot ]]; then
    fail "graph -o arch.dot: $arch/arch.dot was not written"
  elif [[ $(grep -Ec '^    "matmul/PE_[0-9]_[0-9]" \[shape="box"' "$arch/arch.dot") -ne 6 ]]; then
    fail "graph -o arch.dot: not 6 PE nodes" "$(head -n 20 "$arch/arch.dot")"
  else
    expect_grep "$arch/arch.dot" '"matmul/PE_0_0" -> "matmul/PE_0_1" \[label="A_buf_fifo\[0\]\[1\] depth 3"' \
      "graph -o arch.dot has the FIFO edges" && pass
  fi
fi
# -o X.svg without Graphviz on PATH: X.dot instead, a note, success.
run "$out" "$err" env PATH=/nonexistent "$polyallo" graph "$arch/systolic.py" -o "$arch/nodot.svg"
if expect_rc 0 "graph -o X.svg without dot"; then
  if [[ ! -s $arch/nodot.dot || -e $arch/nodot.svg ]]; then
    fail "graph -o nodot.svg without dot: expected nodot.dot and no nodot.svg" "$(ls "$arch")"
  else
    expect_grep "$err" "^graphviz's dot is not installed; wrote .*nodot\.dot \(apt install graphviz to render SVG\)$" \
      "graph -o X.svg without dot says so" && pass
  fi
fi
# With Graphviz: an SVG, and dot has nothing to say about our DOT.
if command -v dot >/dev/null; then
  run "$out" "$err" "$polyallo" graph "$arch/systolic.py" -o "$arch/arch.svg"
  if expect_rc 0 "graph -o arch.svg"; then
    if grep -q '<svg' "$arch/arch.svg" && [[ ! -s $err ]]; then
      pass
    else
      fail "graph -o arch.svg: no SVG, or dot said something" "$(head -n 5 "$err")"
    fi
  fi
fi
run "$out" "$err" "$polyallo" graph "$gemm" --kernel nosuch
expect_rc 1 "graph --kernel nosuch" &&
  expect_grep "$err" "error: .*'nosuch'.*kernels are gemm" "graph --kernel nosuch names the kernels" && pass
run "$out" "$err" "$polyallo" graph "$scratch/no-such-file.py"
expect_rc 1 "graph of a missing file" && expect_grep "$err" "no-such-file\.py" "graph names the missing file" && pass

# run --polybench-dump: the DUMP_ARRAYS text equals PolyBench's own build at MINI
# (test/cli/polybench/K.dump, written by PolyBench's print_array), every form of
# POLYBENCH_DUMP: row-major, strides, "lower", "upper", "after", "FINISH", float and int.
for dump in "$root"/test/cli/polybench/*.dump; do
  k=$(basename "$dump" .dump)
  run "$out" "$err" "$polyallo" run "$root/bench/polybench/$k.py" -D SIZE=MINI --polybench-dump
  if expect_rc 0 "run $k.py --polybench-dump"; then
    if cmp -s "$err" "$dump"; then
      pass
    else
      fail "run $k.py --polybench-dump differs from PolyBench's dump" "$(diff "$dump" "$err" | head -n 5)"
    fi
  fi
done
# without --polybench-dump nothing goes to stderr; init_array's arrays are the inputs.
run "$out" "$err" "$polyallo" run "$root/bench/polybench/atax.py" -D SIZE=MINI
expect_rc 0 "run atax.py" && expect_grep "$out" "^  A +float64\[38, 42\] +init_array " "atax's A comes from init_array" &&
  [[ ! -s $err ]] && pass

# ---------------------------------------------------------------- summary

echo "cli.commands: $checks check(s) passed, $failures failure(s) (${#error_files[@]} error files)"
if [[ $failures -ne 0 ]]; then
  exit 1
fi
