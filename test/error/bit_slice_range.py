# expect: bit_slice_range.py:5:17: error: bit slice [4:9] of a value of 8 bits; it needs 0 <= lo < hi <= 8
# why: a bit slice x[lo:hi] has 0 <= lo < hi <= width
from allo.ir.types import uint8
def k(A: uint8[2], B: uint8[2]):
    B[0] = A[0][4:9]
