import allo
from allo.ir.types import float32
M = 4
def gemm(A: float32[M, M], B: float32[M, M]) -> float32[M, M]:
    C: float32[M, M] = 0.0
    for i, j, k in allo.grid(M, M, M):
        C[i, j] += D[i, k] * B[k, j]
    return C
