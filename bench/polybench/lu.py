# PolyBench/C 4.2.1 lu: in-place LU decomposition A = L U without pivoting (L unit lower).
#   polyallo run bench/polybench/lu.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (40, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = ("A",)


def init_array(A: DTYPE[N, N]):
    for i in range(N):
        for j in range(i + 1):
            # C's (-j % n) truncates toward zero: -(j % n)
            A[i, j] = DTYPE(-(j % N)) / DTYPE(N) + DTYPE(1)
        for j in range(i + 1, N):
            A[i, j] = DTYPE(0)
        A[i, i] = DTYPE(1)
    # make the matrix positive semi-definite (as cholesky): A = A A^T, through B
    B: DTYPE[N, N]
    for r, s in allo.grid(N, N):
        B[r, s] = DTYPE(0)
    for t, r, s in allo.grid(N, N, N):
        B[r, s] += A[r, t] * A[s, t]
    for r, s in allo.grid(N, N):
        A[r, s] = B[r, s]


def kernel_lu[T: (float32, float64)](A: "T[N, N]"):
    for i in range(N):
        for j in range(i):
            for k in range(j, name="lower"):
                A[i, j] -= A[i, k] * A[k, j]
            A[i, j] /= A[j, j]
        for j in range(i, N, name="upper"):
            for k in range(i):
                A[i, j] -= A[i, k] * A[k, j]


s = allo.customize(kernel_lu, instantiate=[DTYPE])
s.pipeline("lower:k")
s.pipeline("upper:k")
