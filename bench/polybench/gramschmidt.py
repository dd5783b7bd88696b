# PolyBench/C 4.2.1 gramschmidt: QR decomposition A = Q R by modified Gram-Schmidt.
#   polyallo run bench/polybench/gramschmidt.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (20, 60, 200, 1000, 2000)[SIZE]
N = (30, 80, 240, 1200, 2600)[SIZE]
POLYBENCH_DUMP = ("R", "Q")


def init_array(A: DTYPE[M, N], R: DTYPE[N, N], Q: DTYPE[M, N]):
    for i, j in allo.grid(M, N):
        A[i, j] = ((DTYPE((i * j) % M) / DTYPE(M)) * DTYPE(100)) + DTYPE(10)
        Q[i, j] = 0.0
    for i, j in allo.grid(N, N):
        R[i, j] = 0.0


def kernel_gramschmidt[T: (float32, float64)](A: "T[M, N]", R: "T[N, N]", Q: "T[M, N]"):
    nrm: T = 0.0
    for k in range(N):
        nrm = 0.0
        for i in range(M, name="norm"):
            nrm += A[i, k] * A[i, k]
        R[k, k] = allo.sqrt(nrm)
        for i in range(M, name="q"):
            Q[i, k] = A[i, k] / R[k, k]
        for j in range(k + 1, N):
            R[k, j] = 0.0
            for i in range(M, name="dot"):
                R[k, j] += Q[i, k] * A[i, j]
            for i in range(M, name="update"):
                A[i, j] = A[i, j] - Q[i, k] * R[k, j]


s = allo.customize(kernel_gramschmidt, instantiate=[DTYPE])
s.pipeline("norm:i")
s.pipeline("q:i")
s.pipeline("dot:i")
s.pipeline("update:i")
