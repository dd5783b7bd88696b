# expect: syntax_bad_indent.py:7:7: error: unindent does not match any outer indentation level; line it up with an enclosing block
# why: a dedent returns to an enclosing block's indentation
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
      A[0] = 1
