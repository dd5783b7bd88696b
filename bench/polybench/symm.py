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
    # PolyBench's nest split like Allo's: temp2 (it reads only A and B) gets its own nest, and
    # under i the k loop and the final statement get a j loop each (they touch rows k < i and i).
    temp2: T[M, N] = 0.0
    for i, j in allo.grid(M, N, name="sum"):
        for k in range(i):
            temp2[i, j] += B[k, j] * A[i, k]
    for i in range(M):
        for j in range(N, name="upd"):
            for k in range(i):
                C[k, j] += ALPHA * B[i, j] * A[i, k]
        for j in range(N, name="fin"):
            C[i, j] = BETA * C[i, j] + ALPHA * B[i, j] * A[i, i] + ALPHA * temp2[i, j]


# Allo: temp2 j pipelined 24 lanes, update k pipelined N lanes, final j pipelined; we: all II 1, N lanes.
s = allo.customize(kernel_symm, instantiate=[DTYPE])
s.unroll("temp2_init1")
s.pipeline("temp2_init0")
s.reorder("sum:k", "sum:i", "sum:j")
s.unroll("sum:j")
s.pipeline("sum:i")
s.reorder("upd:k", "upd:j")
s.unroll("upd:j")
s.pipeline("upd:k")
s.unroll("fin:j")
s.partition(s.C, partition_type=allo.Partition.Complete, dim=2)
s.partition(s.B, partition_type=allo.Partition.Complete, dim=2)
s.partition(s.temp2, partition_type=allo.Partition.Complete, dim=2)
