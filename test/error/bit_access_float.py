# expect: bit_access_float.py:5:12: error: bit access needs an integer, 'A[1]' is float32
# why: bit access needs an integer
from allo.ir.types import int32, float32
def k(A: float32[4], B: int32[4]):
    B[0] = A[1][3]
