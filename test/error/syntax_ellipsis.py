# expect: syntax_ellipsis.py:5:5: error: '...' (Ellipsis) is not supported; write 'pass' for an empty body
# why: no '...'; 'pass' is the empty body
from allo.ir.types import int32
def k(A: int32[4]):
    ...
