# expect: bit_slice_form.py:5:17: error: a bit slice is x[lo:hi] with both bounds (bits lo .. hi-1)
# why: a bit slice has both bounds and no step
from allo.ir.types import uint8
def k(A: uint8[2], B: uint8[2]):
    B[0] = A[0][4:]
