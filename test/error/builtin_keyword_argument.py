# expect: builtin_keyword_argument.py:5:12: error: float() takes no keyword arguments inside a kernel
# why: builtins inside kernels take no keyword arguments
from allo.ir.types import int32, float32
def k(A: int32[4], B: float32[4]):
    B[0] = float(x=A[1])
