# expect: unknown_array.py:8:20: error: unknown array 'D'; the names in scope in kernel 'gemm' are A, B, C, i, j, k
# why: arrays are the kernel's parameters and locals
import allo
from allo.ir.types import int32
M = 4
def gemm(A: int32[M, M], B: int32[M, M], C: int32[M, M]):
    for i, j, k in allo.grid(M, M, M):
        C[i, j] += D[i, k] * B[k, j]
