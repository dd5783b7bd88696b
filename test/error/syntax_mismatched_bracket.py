# expect: syntax_mismatched_bracket.py:5:14: error: closing parenthesis ']' does not match opening parenthesis '(' at 5:12
# why: a closing bracket matches the innermost open one
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = (1]
