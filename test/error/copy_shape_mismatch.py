# expect: copy_shape_mismatch.py:5:5: error: cannot copy 'B' (int32[8]) into 'A' (int32[4]): the shapes differ
# why: whole-array copies need equal shapes
from allo.ir.types import int32
def k(A: int32[4], B: int32[8]):
    A = B
