# expect: syntax_based_literal_digit.py:5:16: error: invalid digit '2' in binary literal
# why: digits of a binary/octal/hex literal are in its base
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 0b102
