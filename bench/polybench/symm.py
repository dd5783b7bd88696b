# PolyBench/C 4.2.1 symm: C = alpha A B + beta C, A symmetric (its lower triangle is read).
#   polyallo run bench/polybench/symm.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (20, 60, 200, 1000, 2000)[SIZE]
N = (30, 80, 240, 1200, 2600)[SIZE]
ALPHA = 1.5
BETA = 1.2
POLYBENCH_DUMP = (("C", M, 1),)


def init_array(C: DTYPE[M, N], A: DTYPE[M, M], B: DTYPE[M, N]):
    for i, j in allo.grid(M, N):
        C[i, j] = DTYPE((i + j) % 100) / DTYPE(M)
        B[i, j] = DTYPE((N + i - j) % 100) / DTYPE(M)
    for i in range(M):
        for j in range(i + 1):
            A[i, j] = DTYPE((i + j) % 100) / DTYPE(M)
        for j in range(i + 1, M):
            A[i, j] = DTYPE(-999)


def kernel_symm[T: (float32, float64)](C: "T[M, N]", A: "T[M, M]", B: "T[M, N]"):
    for i, j in allo.grid(M, N):
        temp2: T = 0.0
        for k in range(i):
            C[k, j] += ALPHA * B[i, j] * A[i, k]
            temp2 += B[k, j] * A[i, k]
        C[i, j] = BETA * C[i, j] + ALPHA * B[i, j] * A[i, i] + ALPHA * temp2


# Allo: hand-distributed nests (temp2 sums: k outer, j pipelined, 24 lanes; C update: k pipelined,
# j unrolled). PolyBench's nest is imperfect (temp2 = 0 / k loop / C[i, j] = ... under j) and no
# primitive distributes a loop, so j cannot move under k: k pipelined (II bound by temp2's +=).
s = allo.customize(kernel_symm, instantiate=[DTYPE])
s.pipeline("k")
