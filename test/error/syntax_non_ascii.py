# expect: syntax_non_ascii.py:5:14: error: unexpected character '\xc3': non-ASCII text is allowed only in strings and comments
# why: non-ASCII text only in strings and comments
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 1 × 2
