# expect: syntax_unexpected_character.py:5:14: error: unexpected character '$': outside strings and comments a kernel file holds names (letters, digits, '_'), numbers and Python's operators
# why: only Python's operator characters appear outside strings
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 1 $ 2
