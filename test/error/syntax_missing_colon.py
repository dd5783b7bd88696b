# expect: syntax_missing_colon.py:5:22: error: expected ':' after the for header, found end of line
# why: a for header ends with ':'
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4)
        A[i] = 0
