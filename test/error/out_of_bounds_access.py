# expect: out_of_bounds_access.py:6:9: error: a write of 'A' (int32[4]) in function 'k' can leave the array: for example { [S0[4] -> A[4]] }; every access must stay within 0 <= index < extent
# why: affine accesses stay inside the array (a witness is shown)
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(5):
        A[i] = 0
