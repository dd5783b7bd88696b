# expect: matmul_operator.py:5:12: error: not implemented yet: '@' (matrix multiplication) inside a kernel; write the loops
# why: no '@' inside kernels (not yet)
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    A[0] = A[1] @ B[1]
