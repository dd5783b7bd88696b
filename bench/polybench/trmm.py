# PolyBench/C 4.2.1 trmm: B = alpha A^T B, A unit lower triangular (its strict lower triangle is read).
#   polyallo run bench/polybench/trmm.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (20, 60, 200, 1000, 2000)[SIZE]
N = (30, 80, 240, 1200, 2600)[SIZE]
ALPHA = 1.5
POLYBENCH_DUMP = (("B", M, 1),)


def init_array(A: DTYPE[M, M], B: DTYPE[M, N]):
    for i in range(M):
        for j in range(i):
            A[i, j] = DTYPE((i + j) % M) / DTYPE(M)
        A[i, i] = 1.0
        for j in range(N):
            B[i, j] = DTYPE((N + (i - j)) % N) / DTYPE(N)


def kernel_trmm[T: (float32, float64)](A: "T[M, M]", B: "T[M, N]"):
    for i, j in allo.grid(M, N):
        for k in range(i + 1, M):
            B[i, j] += A[k, i] * B[k, j]
        B[i, j] = ALPHA * B[i, j]


# Allo: hand-distributed nests (B += A^T B with k outside j, j pipelined, 20 lanes; then B *= alpha).
# PolyBench's nest is imperfect (k loop, then B[i, j] = alpha * B[i, j], under j) and no primitive
# distributes a loop, so j cannot move under k: k pipelined (II bound by the += on B[i, j]).
s = allo.customize(kernel_trmm, instantiate=[DTYPE])
s.pipeline("k")
