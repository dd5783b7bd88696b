# expect: constant_division_by_zero.py:4:5: error: division by zero in a constant expression
# why: constant expressions do not divide by zero
from allo.ir.types import int32
M = 4 // 0
def k(A: int32[M]):
    pass
