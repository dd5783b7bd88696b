# expect: extent_not_integer.py:4:16: error: an array extent must be a compile-time integer, got a float '2.5'
# why: array extents are compile-time integers
from allo.ir.types import int32
def k(A: int32[2.5]):
    pass
