# expect: syntax_based_literal_empty.py:5:12: error: invalid hexadecimal literal: no digits after the prefix
# why: a 0x/0o/0b prefix is followed by digits
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 0x
