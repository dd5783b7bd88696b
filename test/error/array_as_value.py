# expect: array_as_value.py:5:12: error: array 'A' (int32[4]) is used as a value; index it, e.g. A[i]
# why: an array is indexed to get a value
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    B[0] = A
