# PolyBench/C 4.2.1 atax: y = A^T (A x).
#   polyallo run bench/polybench/atax.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (38, 116, 390, 1900, 1800)[SIZE]
N = (42, 124, 410, 2100, 2200)[SIZE]
POLYBENCH_DUMP = ("y",)


def init_array(A: DTYPE[M, N], x: DTYPE[N]):
    for i in range(N):
        x[i] = DTYPE(1) + DTYPE(i) / DTYPE(N)
    for i, j in allo.grid(M, N):
        A[i, j] = DTYPE((i + j) % N) / DTYPE(5 * M)


def kernel_atax[T: (float32, float64)](A: "T[M, N]", x: "T[N]", y: "T[N]"):
    tmp: T[M] = 0.0
    for i in range(N, name="zero"):
        y[i] = 0.0
    for i in range(M):
        for j in range(N, name="ax"):
            tmp[i] = tmp[i] + A[i, j] * x[j]
        for j in range(N, name="aty"):
            y[j] = y[j] + A[i, j] * tmp[i]


s = allo.customize(kernel_atax, instantiate=[DTYPE])
s.pipeline("ax:j")
s.pipeline("aty:j")
