# expect: syntax_exclamation.py:5:12: error: unexpected character '!'; write 'not' for negation and '!=' for inequality
# why: '!' alone is not Python: 'not' negates, '!=' compares
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = !A[1]
