# PolyBench/C 4.2.1 syrk: C = alpha A A^T + beta C on the lower triangle of C.
#   polyallo run bench/polybench/syrk.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (20, 60, 200, 1000, 2000)[SIZE]
N = (30, 80, 240, 1200, 2600)[SIZE]
ALPHA = 1.5
BETA = 1.2
POLYBENCH_DUMP = ("C",)


def init_array(C: DTYPE[N, N], A: DTYPE[N, M]):
    for i, j in allo.grid(N, M):
        A[i, j] = DTYPE((i * j + 1) % N) / DTYPE(N)
    for i, j in allo.grid(N, N):
        C[i, j] = DTYPE((i * j + 2) % M) / DTYPE(M)


def kernel_syrk[T: (float32, float64)](C: "T[N, N]", A: "T[N, M]"):
    for i in range(N):
        for j in range(i + 1, name="scale"):
            C[i, j] *= BETA
        for k in range(M, name="update"):
            for j in range(i + 1):
                C[i, j] += ALPHA * A[i, k] * A[j, k]


# Allo: j fully unrolled (scale; update under pipelined k), C dim 2 and A dim 1 complete. Same here
# over the triangle j <= i: j split in L = N - 1 guarded lanes, unrolled, cyclic(L) banks; k pipelined
# (II bound by the += on C[i, j]). A split by N folds the guard into a variable bound HLS cannot unroll.
L = N - 1
s = allo.customize(kernel_syrk, instantiate=[DTYPE])
s.split("scale:j", L)
s.unroll("scale:j.inner")
s.pipeline("scale:j.outer")
s.split("update:j", L)
s.reorder("update:j.outer", "update:k")
s.unroll("update:j.inner")
s.pipeline("update:k")
s.partition(s.C, partition_type=allo.Partition.Cyclic, dim=2, factor=L)
s.partition(s.A, partition_type=allo.Partition.Cyclic, dim=1, factor=L)
