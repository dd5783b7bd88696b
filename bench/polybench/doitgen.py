# PolyBench/C 4.2.1 doitgen: A[r, q, :] = A[r, q, :] C4 for every r, q.
#   polyallo run bench/polybench/doitgen.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
NQ = (8, 20, 40, 140, 220)[SIZE]
NR = (10, 25, 50, 150, 250)[SIZE]
NP = (12, 30, 60, 160, 270)[SIZE]
POLYBENCH_DUMP = ("A",)


def init_array(A: DTYPE[NR, NQ, NP], C4: DTYPE[NP, NP]):
    for i, j, k in allo.grid(NR, NQ, NP):
        A[i, j, k] = DTYPE((i * j + k) % NP) / DTYPE(NP)
    for i, j in allo.grid(NP, NP):
        C4[i, j] = DTYPE(i * j % NP) / DTYPE(NP)


def kernel_doitgen[T: (float32, float64)](A: "T[NR, NQ, NP]", C4: "T[NP, NP]", sum: "T[NP]"):
    for r, q in allo.grid(NR, NQ):
        for p in range(NP, name="mult"):
            sum[p] = 0.0
            for s in range(NP, name="red"):
                sum[p] += A[r, q, s] * C4[s, p]
        for p in range(NP, name="copy"):
            A[r, q, p] = sum[p]


# Baseline: every innermost loop pipelined.
s = allo.customize(kernel_doitgen, instantiate=[DTYPE])
s.pipeline("red:s")
s.pipeline("copy:p")
