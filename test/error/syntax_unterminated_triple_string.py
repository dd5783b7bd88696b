# expect: syntax_unterminated_triple_string.py:5:5: error: unterminated triple-quoted string literal; close it with the three quotes it opened with
# why: a triple-quoted string closes with the same three quotes
from allo.ir.types import int32
def k(A: int32[4]):
    """docstring
    A[0] = 1
