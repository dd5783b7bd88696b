# PolyBench/C 4.2.1 nussinov: RNA folding dynamic program, table[i, j] = best pairing score of seq[i..j].
#   polyallo run bench/polybench/nussinov.py -D SIZE=MINI [--polybench-dump]
from allo.ir.types import int8, int32
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = int32
N = (60, 180, 500, 2500, 5500)[SIZE]
POLYBENCH_DUMP = (("table", "upper"),)


# seq is PolyBench's base (a C char holding 0..3): int8.
def init_array(seq: int8[N], table: DTYPE[N, N]):
    for i in range(N):
        seq[i] = int8((i + 1) % 4)
    for i, j in allo.grid(N, N):
        table[i, j] = 0


# PolyBench's macros, inline: max_score(s1, s2) = (s1 >= s2 ? s1 : s2), which is max(s1, s2)
# on int, and match(b1, b2) = (b1 + b2 == 3 ? 1 : 0). Its backward loop (i from N-1 down to
# 0) runs as ir = 0 .. N-1 with i = N-1-ir (so i + 1 = N-ir).
def kernel_nussinov(seq: "int8[N]", table: "int32[N, N]"):
    for ir in range(N):
        for j in range(N - ir, N):
            if j - 1 >= 0:
                table[N - 1 - ir, j] = max(table[N - 1 - ir, j], table[N - 1 - ir, j - 1])
            if N - ir < N:
                table[N - 1 - ir, j] = max(table[N - 1 - ir, j], table[N - ir, j])
            if j - 1 >= 0 and N - ir < N:
                if N - 1 - ir < j - 1:
                    table[N - 1 - ir, j] = max(
                        table[N - 1 - ir, j],
                        table[N - ir, j - 1] + (1 if seq[N - 1 - ir] + seq[j] == 3 else 0))
                else:
                    table[N - 1 - ir, j] = max(table[N - 1 - ir, j], table[N - ir, j - 1])
            for k in range(N - ir, j, name="k"):
                table[N - 1 - ir, j] = max(table[N - 1 - ir, j], table[N - 1 - ir, k] + table[k + 1, j])


s = allo.customize(kernel_nussinov)
s.pipeline("k")
