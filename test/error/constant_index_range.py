# expect: constant_index_range.py:5:16: error: index 2 is out of range for a tuple of length 2
# why: a constant sequence index is in range
from allo.ir.types import int32
S = (4, 8)
def k(A: int32[S[2]]):
    pass
