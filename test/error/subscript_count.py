# expect: subscript_count.py:5:5: error: 'A' is int32[4, 4]: it takes 2 subscript(s), got 4
# why: one subscript per dimension (one more reads bits)
from allo.ir.types import int32
def k(A: int32[4, 4]):
    A[0, 1, 2, 3] = 0
