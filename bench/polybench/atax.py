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


def kernel_atax[T: (float32, float64)](A: "T[M, N]", x: "T[N]", y: "T[N]", tmp: "T[M]"):
    # PolyBench's i loop holds both products; as two nests each element still
    # sees the same additions in the same order (tmp[i] over j, y[j] over i).
    for i in range(N, name="zero"):
        y[i] = 0.0
    for i in range(M, name="tzero"):
        tmp[i] = 0.0
    for i, j in allo.grid(M, N, name="ax"):
        tmp[i] = tmp[i] + A[i, j] * x[j]
    for i, j in allo.grid(M, N, name="aty"):
        y[j] = y[j] + A[i, j] * tmp[i]


# Allo: each product with its reduction outermost and the other loop pipelined (II 1, one
# lane). Ours: the reduction split in V-long chains (in order) under the pipelined loop, so
# the pipeline runs M (N) iterations per chain at II 1; A, x, tmp cyclic by V.
V = 16
s = allo.customize(kernel_atax, instantiate=[DTYPE])
s.pipeline("zero:i")
s.pipeline("tzero:i")
s.split("ax:j", V)
s.reorder("ax:j.outer", "ax:i", "ax:j.inner")
s.unroll("ax:j.inner")
s.pipeline("ax:i")
s.split("aty:i", V)
s.reorder("aty:i.outer", "aty:j", "aty:i.inner")
s.unroll("aty:i.inner")
s.pipeline("aty:j")
s.partition(s.A, partition_type=allo.Partition.Cyclic, dim=0, factor=V)
s.partition(s.x, partition_type=allo.Partition.Cyclic, dim=1, factor=V)
s.partition(s.tmp, partition_type=allo.Partition.Cyclic, dim=1, factor=V)
