# expect: float_subscript.py:5:12: error: subscript 0 of 'A' (int32[4]) must be an integer, got float32 (1.5)
# why: subscripts are integers
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = A[1.5]
