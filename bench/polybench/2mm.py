# PolyBench/C 4.2.1 2mm: D = alpha * A * B * C + beta * D (tmp = alpha * A * B).
#   polyallo run bench/polybench/2mm.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
NI = (16, 40, 180, 800, 1600)[SIZE]
NJ = (18, 50, 190, 900, 1800)[SIZE]
NK = (22, 70, 210, 1100, 2200)[SIZE]
NL = (24, 80, 220, 1200, 2400)[SIZE]
ALPHA = 1.5
BETA = 1.2
POLYBENCH_DUMP = (("D", NI, 1),)


def init_array(A: DTYPE[NI, NK], B: DTYPE[NK, NJ], C: DTYPE[NJ, NL], D: DTYPE[NI, NL]):
    for i, j in allo.grid(NI, NK):
        A[i, j] = DTYPE((i * j + 1) % NI) / DTYPE(NI)
    for i, j in allo.grid(NK, NJ):
        B[i, j] = DTYPE(i * (j + 1) % NJ) / DTYPE(NJ)
    for i, j in allo.grid(NJ, NL):
        C[i, j] = DTYPE((i * (j + 3) + 1) % NL) / DTYPE(NL)
    for i, j in allo.grid(NI, NL):
        D[i, j] = DTYPE(i * (j + 2) % NK) / DTYPE(NK)


def kernel_2mm[T: (float32, float64)](
    tmp: "T[NI, NJ]", A: "T[NI, NK]", B: "T[NK, NJ]", C: "T[NJ, NL]", D: "T[NI, NL]"
):
    for i, j in allo.grid(NI, NJ, name="mm1"):
        tmp[i, j] = 0.0
        for k in range(NK):
            tmp[i, j] += ALPHA * A[i, k] * B[k, j]
    for i, j in allo.grid(NI, NL, name="mm2"):
        D[i, j] *= BETA
        for k in range(NJ):
            D[i, j] += tmp[i, k] * C[k, j]


# Allo: k outward, k pipelined (II = fadd latency), dataflow; ours: j pipelined over the k chain (II=1).
s = allo.customize(kernel_2mm, instantiate=[DTYPE])
s.pipeline("mm1:j")
s.pipeline("mm2:j")
s.partition(s.A, dim=2)
s.partition(s.B, dim=1)
s.partition(s.tmp, dim=2)
s.partition(s.C, dim=1)
