# expect: constant_zero_power.py:4:5: error: 0 ** negative: division by zero in a constant expression
# why: 0 ** negative divides by zero, as in Python
from allo.ir.types import int32
M = 0 ** -1
def k(A: int32[4]):
    pass
