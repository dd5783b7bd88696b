# expect: syntax_integer_literal_too_large.py:5:12: error: integer literal too large: polyallo's integer literals must be below 2**64
# why: integer literals are below 2**64
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 18446744073709551616
