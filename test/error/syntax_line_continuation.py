# expect: syntax_line_continuation.py:5:16: error: unexpected character after the line continuation character '\'; a backslash continues a line only as its last character
# why: a backslash continues a line only as its last character
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 1 + \ 2
