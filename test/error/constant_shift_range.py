# expect: constant_shift_range.py:4:16: error: shift out of range in a constant expression
# why: constant shifts stay within 64 bits
from allo.ir.types import int32
def k(A: int32[1 << 70]):
    pass
