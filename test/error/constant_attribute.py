# expect: constant_attribute.py:5:16: error: an integer '4' has no compile-time attribute 'size'
# why: constants have no attributes (only types' .bits)
from allo.ir.types import int32
M = 4
def k(A: int32[M.size]):
    pass
