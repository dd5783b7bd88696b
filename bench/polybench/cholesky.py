# PolyBench/C 4.2.1 cholesky: in-place Cholesky factorization A = L L^T (L in the lower triangle).
#   polyallo run bench/polybench/cholesky.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (40, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = (("A", "lower", N, 1),)


def init_array(A: DTYPE[N, N]):
    for i in range(N):
        for j in range(i + 1):
            # C's (-j % n) truncates toward zero: -(j % n)
            A[i, j] = DTYPE(-(j % N)) / DTYPE(N) + DTYPE(1)
        for j in range(i + 1, N):
            A[i, j] = DTYPE(0)
        A[i, i] = DTYPE(1)
    # make the matrix positive semi-definite: A = A A^T, through B
    B: DTYPE[N, N]
    for r, s in allo.grid(N, N):
        B[r, s] = DTYPE(0)
    for t, r, s in allo.grid(N, N, N):
        B[r, s] += A[r, t] * A[s, t]
    for r, s in allo.grid(N, N):
        A[r, s] = B[r, s]


def kernel_cholesky[T: (float32, float64)](A: "T[N, N]"):
    for i in range(N):
        for j in range(i):
            for k in range(j, name="offdiag"):
                A[i, j] -= A[i, k] * A[j, k]
            A[i, j] /= A[j, j]
        for k in range(i, name="diag"):
            A[i, i] -= A[i, k] * A[i, k]
        A[i, i] = allo.sqrt(A[i, i])


s = allo.customize(kernel_cholesky, instantiate=[DTYPE])
s.pipeline("offdiag:k")
s.pipeline("diag:k")
