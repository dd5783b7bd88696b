import allo
from allo.ir.types import int32, float32

M, N = 8, 8


def k(A: int32[M, N], B: float32[M]):
    for i, j in allo.grid(M, N, name="PE", pipeline=2, unroll=True):
        A[i, j] = i + j
    for i in allo.reduction(M):
        B[0] += float(i)
    for i, j in allo.grid(M, N, pipeline=True, unroll=4):
        A[i, j] = max(A[i, j], 1, 0) + abs(-2) + min(i, j)
    for i in range(M):
        B[i] = allo.sqrt(4.0) + allo.power(2.0, 3.0) + allo.sin(B[i]) + allo.cos(1.0)


s = allo.customize(k)
