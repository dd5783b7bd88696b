# PolyBench/C 4.2.1 gemm: C = alpha * A * B + beta * C.
#   polyallo run bench/polybench/gemm.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
NI = (20, 60, 200, 1000, 2000)[SIZE]
NJ = (25, 70, 220, 1100, 2300)[SIZE]
NK = (30, 80, 240, 1200, 2600)[SIZE]
ALPHA = 1.5
BETA = 1.2
POLYBENCH_DUMP = (("C", NI, 1),)


def init_array(C: DTYPE[NI, NJ], A: DTYPE[NI, NK], B: DTYPE[NK, NJ]):
    for i, j in allo.grid(NI, NJ):
        C[i, j] = DTYPE((i * j + 1) % NI) / DTYPE(NI)
    for i, j in allo.grid(NI, NK):
        A[i, j] = DTYPE(i * (j + 1) % NK) / DTYPE(NK)
    for i, j in allo.grid(NK, NJ):
        B[i, j] = DTYPE(i * (j + 2) % NJ) / DTYPE(NJ)


def kernel_gemm[T: (float32, float64)](C: "T[NI, NJ]", A: "T[NI, NK]", B: "T[NK, NJ]"):
    for i in range(NI):
        for j in range(NJ, name="scale"):
            C[i, j] *= BETA
        for k in range(NK, name="acc"):
            for j in range(NJ):
                C[i, j] += ALPHA * A[i, k] * B[k, j]


# Allo: k outward, k pipelined (II = fadd latency); ours: j outward of k, pipelined over the k chain (II=1).
s = allo.customize(kernel_gemm, instantiate=[DTYPE])
s.pipeline("scale:j")
s.reorder("acc:j", "acc:k")
s.pipeline("acc:j")
s.partition(s.A, dim=2)
s.partition(s.B, dim=1)
