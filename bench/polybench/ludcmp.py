# PolyBench/C 4.2.1 ludcmp: LU decomposition of A, then solve L y = b and U x = y.
#   polyallo run bench/polybench/ludcmp.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (40, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = ("x",)


def init_array(A: DTYPE[N, N], b: DTYPE[N], x: DTYPE[N], y: DTYPE[N]):
    fn: DTYPE = DTYPE(N)
    for i in range(N):
        x[i] = DTYPE(0)
        y[i] = DTYPE(0)
        b[i] = DTYPE(i + 1) / fn / 2.0 + DTYPE(4)
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


def kernel_ludcmp[T: (float32, float64)](A: "T[N, N]", b: "T[N]", x: "T[N]", y: "T[N]"):
    w: T = 0.0
    for i in range(N):
        for j in range(i):
            w = A[i, j]
            for k in range(j, name="lower"):
                w -= A[i, k] * A[k, j]
            A[i, j] = w / A[j, j]
        for j in range(i, N):
            w = A[i, j]
            for k in range(i, name="upper"):
                w -= A[i, k] * A[k, j]
            A[i, j] = w
    for i in range(N):
        w = b[i]
        for j in range(i, name="forward"):
            w -= A[i, j] * y[j]
        y[i] = w
    # PolyBench runs i from N-1 down to 0; here i counts up and the row is N - 1 - i
    for i in range(N):
        w = y[N - 1 - i]
        for j in range(N - i, N, name="backward"):
            w -= A[N - 1 - i, j] * x[j]
        x[N - 1 - i] = w / A[N - 1 - i, N - 1 - i]


s = allo.customize(kernel_ludcmp, instantiate=[DTYPE])
s.pipeline("lower:k")
s.pipeline("upper:k")
s.pipeline("forward:j")
s.pipeline("backward:j")
