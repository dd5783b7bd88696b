# expect: constant_division_by_zero.py:5:16: error: name 'M' is not defined
# why: constant expressions do not divide by zero
from allo.ir.types import int32
M = 4 // 0
def k(A: int32[M]):
    pass
