# expect: array_slice.py:5:14: error: not implemented yet: slices of arrays ('A[0:4]'); index single elements
# why: arrays are indexed element by element (slices: not yet)
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    B[0] = A[0:2]
