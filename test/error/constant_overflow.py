# expect: constant_overflow.py:4:5: error: integer constant overflows 64 bits
# why: constant expressions stay within 64 bits
from allo.ir.types import int32
M = 2 ** 64
def k(A: int32[M]):
    pass
