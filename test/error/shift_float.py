# expect: shift_float.py:5:12: error: '<<' needs an integer or fixed-point value and an integer shift amount, got float32 and float32
# why: shifts take an integer or fixed-point value and an integer amount
from allo.ir.types import int32, float32
def k(A: float32[4]):
    A[0] = A[1] << 2
