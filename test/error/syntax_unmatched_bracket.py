# expect: syntax_unmatched_bracket.py:5:13: error: unmatched ')': no bracket is open here
# why: a closing bracket needs an open one
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 1)
