# expect: nonpositive_extent.py:4:16: error: array extents must be positive, got 0
# why: array extents are positive
from allo.ir.types import int32
def k(A: int32[0]):
    pass
