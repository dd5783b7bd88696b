# PolyBench atax with Allo's schedule (allo/examples/polybench/atax.py):
# each stage reorders its reduction outward and pipelines the other loop.
import allo
from allo.ir.types import int32, float32

M, N = 38, 42


def stage_M[T: (float32, int32), M: int32, N: int32](A: "T[M, N]", x: "T[N]", out_Ax: "T[M]"):
    for m in allo.grid(M):
        for r in allo.reduction(N):
            out_Ax[m] += A[m, r] * x[r]


def stage_N[T: (float32, int32), M: int32, N: int32](A: "T[M, N]", out_Ax: "T[M]", y: "T[N]"):
    for n in allo.grid(N):
        for k in allo.reduction(M):
            y[n] += A[k, n] * out_Ax[k]


def kernel_atax[T: (float32, int32), M: int32, N: int32](A: "T[M, N]", x: "T[N]", y: "T[N]"):
    out_Ax: T[M] = 0
    stage_M[T, M, N](A, x, out_Ax)
    stage_N[T, M, N](A, out_Ax, y)


sch0 = allo.customize(stage_M, instantiate=[float32, M, N])
sch0.reorder("r", "m")
sch0.pipeline("m")

sch1 = allo.customize(stage_N, instantiate=[float32, M, N])
sch1.reorder("k", "n")
sch1.pipeline("n")

sch = allo.customize(kernel_atax, instantiate=[float32, M, N])
sch.compose(sch0)
sch.compose(sch1)
