# PolyBench/C 4.2.1 heat-3d: TSTEPS x (B = A + 0.125 * 3-D Laplacian of A; A = same of B).
#   polyallo run bench/polybench/heat-3d.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
TSTEPS = (20, 40, 100, 500, 1000)[SIZE]
N = (10, 20, 40, 120, 200)[SIZE]
POLYBENCH_DUMP = ("A",)


def init_array(A: DTYPE[N, N, N], B: DTYPE[N, N, N]):
    for i, j, k in allo.grid(N, N, N):
        A[i, j, k] = DTYPE(i + j + (N - k)) * DTYPE(10) / DTYPE(N)
        B[i, j, k] = DTYPE(i + j + (N - k)) * DTYPE(10) / DTYPE(N)


def kernel_heat_3d[T: (float32, float64)](A: "T[N, N, N]", B: "T[N, N, N]"):
    for t in range(1, TSTEPS + 1):
        for i in range(1, N - 1, name="sweep_B"):
            for j in range(1, N - 1):
                for k in range(1, N - 1):
                    B[i, j, k] = (0.125 * (A[i + 1, j, k] - 2.0 * A[i, j, k] + A[i - 1, j, k])
                                  + 0.125 * (A[i, j + 1, k] - 2.0 * A[i, j, k] + A[i, j - 1, k])
                                  + 0.125 * (A[i, j, k + 1] - 2.0 * A[i, j, k] + A[i, j, k - 1])
                                  + A[i, j, k])
        for i in range(1, N - 1, name="sweep_A"):
            for j in range(1, N - 1):
                for k in range(1, N - 1):
                    A[i, j, k] = (0.125 * (B[i + 1, j, k] - 2.0 * B[i, j, k] + B[i - 1, j, k])
                                  + 0.125 * (B[i, j + 1, k] - 2.0 * B[i, j, k] + B[i, j - 1, k])
                                  + 0.125 * (B[i, j, k + 1] - 2.0 * B[i, j, k] + B[i, j, k - 1])
                                  + B[i, j, k])


s = allo.customize(kernel_heat_3d, instantiate=[DTYPE])
s.pipeline("sweep_B:k")
s.pipeline("sweep_A:k")
