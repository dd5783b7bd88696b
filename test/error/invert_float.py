# expect: invert_float.py:5:12: error: '~' needs an integer or fixed-point operand, got float32
# why: '~' takes an integer or fixed-point operand
from allo.ir.types import int32, float32
def k(A: float32[4]):
    A[0] = ~A[1]
