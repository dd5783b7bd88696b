# expect: constant_overflow.py:5:16: error: name 'M' is not defined
# why: constant expressions stay within 64 bits
from allo.ir.types import int32
M = 2 ** 64
def k(A: int32[M]):
    pass
