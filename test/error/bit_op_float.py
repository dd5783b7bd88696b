# expect: bit_op_float.py:5:12: error: '&' needs integer or fixed-point operands, got int32 and float32
# why: bit operations take integer or fixed-point operands
from allo.ir.types import int32, float32
def k(A: float32[4], B: int32[4]):
    B[0] = B[1] & A[1]
