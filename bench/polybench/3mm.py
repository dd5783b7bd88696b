# PolyBench/C 4.2.1 3mm: G = (A * B) * (C * D), with E = A * B and F = C * D.
#   polyallo run bench/polybench/3mm.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
NI = (16, 40, 180, 800, 1600)[SIZE]
NJ = (18, 50, 190, 900, 1800)[SIZE]
NK = (20, 60, 200, 1000, 2000)[SIZE]
NL = (22, 70, 210, 1100, 2200)[SIZE]
NM = (24, 80, 220, 1200, 2400)[SIZE]
POLYBENCH_DUMP = (("G", NI, 1),)


def init_array(A: DTYPE[NI, NK], B: DTYPE[NK, NJ], C: DTYPE[NJ, NM], D: DTYPE[NM, NL]):
    for i, j in allo.grid(NI, NK):
        A[i, j] = DTYPE((i * j + 1) % NI) / DTYPE(5 * NI)
    for i, j in allo.grid(NK, NJ):
        B[i, j] = DTYPE((i * (j + 1) + 2) % NJ) / DTYPE(5 * NJ)
    for i, j in allo.grid(NJ, NM):
        C[i, j] = DTYPE(i * (j + 3) % NL) / DTYPE(5 * NL)
    for i, j in allo.grid(NM, NL):
        D[i, j] = DTYPE((i * (j + 2) + 2) % NK) / DTYPE(5 * NK)


def kernel_3mm[T: (float32, float64)](
    E: "T[NI, NJ]",
    A: "T[NI, NK]",
    B: "T[NK, NJ]",
    F: "T[NJ, NL]",
    C: "T[NJ, NM]",
    D: "T[NM, NL]",
    G: "T[NI, NL]",
):
    for i, j in allo.grid(NI, NJ, name="mm1"):
        E[i, j] = 0.0
        for k in range(NK):
            E[i, j] += A[i, k] * B[k, j]
    for i, j in allo.grid(NJ, NL, name="mm2"):
        F[i, j] = 0.0
        for k in range(NM):
            F[i, j] += C[i, k] * D[k, j]
    for i, j in allo.grid(NI, NL, name="mm3"):
        G[i, j] = 0.0
        for k in range(NJ):
            G[i, j] += E[i, k] * F[k, j]


# Allo: k outward, k pipelined (II = fadd latency), B, C partitioned; ours: j pipelined over the k chain (II=1).
s = allo.customize(kernel_3mm, instantiate=[DTYPE])
s.pipeline("mm1:j")
s.pipeline("mm2:j")
s.pipeline("mm3:j")
s.partition(s.A, dim=2)
s.partition(s.B, dim=1)
s.partition(s.C, dim=2)
s.partition(s.D, dim=1)
s.partition(s.E, dim=2)
s.partition(s.F, dim=1)
