# PolyBench/C 4.2.1 seidel-2d: TSTEPS in-place Gauss-Seidel sweeps, A[i, j] = 9-point average.
#   polyallo run bench/polybench/seidel-2d.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
TSTEPS = (20, 40, 100, 500, 1000)[SIZE]
N = (40, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = ("A",)


def init_array(A: DTYPE[N, N]):
    for i, j in allo.grid(N, N):
        A[i, j] = (DTYPE(i) * DTYPE(j + 2) + DTYPE(2)) / DTYPE(N)


def kernel_seidel_2d[T: (float32, float64)](A: "T[N, N]"):
    for t in range(TSTEPS):
        for i in range(1, N - 1):
            for j in range(1, N - 1):
                A[i, j] = (A[i - 1, j - 1] + A[i - 1, j] + A[i - 1, j + 1]
                           + A[i, j - 1] + A[i, j] + A[i, j + 1]
                           + A[i + 1, j - 1] + A[i + 1, j] + A[i + 1, j + 1]) / 9.0


s = allo.customize(kernel_seidel_2d, instantiate=[DTYPE])
s.pipeline("j")
