# expect: out_of_bounds_read.py:6:16: error: a read of 'A' (int32[4]) in function 'k' can leave the array: for example { [S0[3] -> A[4]] }; every access must stay within 0 <= index < extent
# why: reads stay inside the array too (the caret points at the read)
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    for i in range(4):
        B[i] = A[i + 1]
