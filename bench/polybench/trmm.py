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
    # PolyBench's nest split in two (row i reads only rows k > i, still unchanged, so the k loop
    # and the scaling of row i need not share j). B_in, an exact copy of B, serves those reads
    # from its own memory so the B banks serve only the read and write of B[i, j].
    B_in: T[M, N]
    for i, j in allo.grid(M, N, name="copy"):
        B_in[i, j] = B[i, j]
    for i, j in allo.grid(M, N, name="update"):
        for k in range(i + 1, M):
            B[i, j] += A[k, i] * B_in[k, j]
    for i, j in allo.grid(M, N, name="mul"):
        B[i, j] = ALPHA * B[i, j]


# Allo: update and scale j pipelined, 20 lanes, B cyclic(20); we: both II 1 with N lanes (i pipelined).
s = allo.customize(kernel_trmm, instantiate=[DTYPE])
s.unroll("copy:j")
s.pipeline("copy:i")
s.reorder("update:k", "update:i", "update:j")
s.unroll("update:j")
s.pipeline("update:i")
s.unroll("mul:j")
s.pipeline("mul:i")
s.partition(s.B, partition_type=allo.Partition.Complete, dim=2)
s.partition(s.B_in, partition_type=allo.Partition.Complete, dim=2)
