# expect: syntax_unexpected_indent.py:6:9: error: unexpected indent: this line is indented deeper than the block it is in
# why: a line is indented like the block it is in
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 0
        A[1] = 1
