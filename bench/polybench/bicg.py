# PolyBench/C 4.2.1 bicg: s = A^T r, q = A p (BiCG sub-kernel).
#   polyallo run bench/polybench/bicg.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (38, 116, 390, 1900, 1800)[SIZE]
N = (42, 124, 410, 2100, 2200)[SIZE]
POLYBENCH_DUMP = ("s", "q")


def init_array(A: DTYPE[N, M], r: DTYPE[N], p: DTYPE[M]):
    for i in range(M):
        p[i] = DTYPE(i % M) / DTYPE(M)
    for i in range(N):
        r[i] = DTYPE(i % N) / DTYPE(N)
        for j in range(M):
            A[i, j] = DTYPE(i * (j + 1) % N) / DTYPE(N)


def kernel_bicg[T: (float32, float64)](
    A: "T[N, M]", s: "T[M]", q: "T[N]", p: "T[M]", r: "T[N]"
):
    for i in range(M, name="zero"):
        s[i] = 0.0
    for i in range(N, name="row"):
        q[i] = 0.0
        for j in range(M):
            s[j] = s[j] + r[i] * A[i, j]
            q[i] = q[i] + A[i, j] * p[j]


# Allo: two passes on two copies of A; ours: one pass, i pipelined over j (II = fadd latency, s[j] recurs).
s = allo.customize(kernel_bicg, instantiate=[DTYPE])
s.pipeline("zero:i")
s.pipeline("row:i")
s.partition(s.A, dim=2)
s.partition(s.s, dim=1)
s.partition(s.p, dim=1)
