# PolyBench/C 4.2.1 mvt: x1 = x1 + A y_1, x2 = x2 + A^T y_2.
#   polyallo run bench/polybench/mvt.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (40, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = ("x1", "x2")


def init_array(x1: DTYPE[N], x2: DTYPE[N], y_1: DTYPE[N], y_2: DTYPE[N], A: DTYPE[N, N]):
    for i in range(N):
        x1[i] = DTYPE(i % N) / DTYPE(N)
        x2[i] = DTYPE((i + 1) % N) / DTYPE(N)
        y_1[i] = DTYPE((i + 3) % N) / DTYPE(N)
        y_2[i] = DTYPE((i + 4) % N) / DTYPE(N)
        for j in range(N):
            A[i, j] = DTYPE(i * j % N) / DTYPE(N)


def kernel_mvt[T: (float32, float64)](
    x1: "T[N]", x2: "T[N]", y_1: "T[N]", y_2: "T[N]", A: "T[N, N]"
):
    for i, j in allo.grid(N, N, name="mv1"):
        x1[i] = x1[i] + A[i, j] * y_1[j]
    for i, j in allo.grid(N, N, name="mv2"):
        x2[i] = x2[i] + A[j, i] * y_2[j]


# Allo: i pipelined over j (II=1) on a row- and a column-partitioned copy of A; ours: the same on one A.
s = allo.customize(kernel_mvt, instantiate=[DTYPE])
s.pipeline("mv1:i")
s.pipeline("mv2:i")
s.partition(s.A, dim=0)
s.partition(s.y_1, dim=1)
s.partition(s.y_2, dim=1)
