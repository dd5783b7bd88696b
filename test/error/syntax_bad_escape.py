# expect: syntax_bad_escape.py:8:13: error: invalid \x escape: it takes exactly 2 hex digits
# why: \x takes exactly two hex digits
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(k)
s.pipeline("\xg")
