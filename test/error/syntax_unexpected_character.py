# expect: syntax_unexpected_character.py:5:14: error: unexpected character '$'
# why: only Python's operator characters appear outside strings
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 1 $ 2
