# expect: augmented_matmul.py:5:5: error: not implemented yet: '@=' inside a kernel
# why: no '@=' inside kernels (not yet)
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    A[0] @= B[1]
