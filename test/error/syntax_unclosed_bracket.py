# expect: syntax_unclosed_bracket.py:5:12: error: '(' was never closed
# why: every open bracket is closed
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = (1 + 2
