# expect: bit_index_range.py:5:17: error: bit 9 of a value of 8 bits; it needs 0 <= bit < 8
# why: a constant bit index x[b] has 0 <= b < width
from allo.ir.types import uint8
def k(A: uint8[2], B: uint8[2]):
    B[0] = A[1][9]
