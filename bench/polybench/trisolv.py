# PolyBench/C 4.2.1 trisolv: solve L x = b by forward substitution (L lower triangular).
#   polyallo run bench/polybench/trisolv.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (40, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = (("x", "after"),)


def init_array(L: DTYPE[N, N], x: DTYPE[N], b: DTYPE[N]):
    for i in range(N):
        x[i] = DTYPE(-999)
        b[i] = DTYPE(i)
        for j in range(i + 1):
            L[i, j] = DTYPE(i + N - j + 1) * DTYPE(2) / DTYPE(N)


def kernel_trisolv[T: (float32, float64)](L: "T[N, N]", x: "T[N]", b: "T[N]"):
    for i in range(N):
        x[i] = b[i]
        for j in range(i, name="dot"):
            x[i] -= L[i, j] * x[j]
        x[i] = x[i] / L[i, i]


s = allo.customize(kernel_trisolv, instantiate=[DTYPE])
s.pipeline("dot:j")
