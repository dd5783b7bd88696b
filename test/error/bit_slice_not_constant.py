# expect: bit_slice_not_constant.py:6:21: error: a bit slice bound must be known at compile time: 'i' is a loop variable, not a compile-time constant
# why: bit slice bounds are compile-time integers
from allo.ir.types import uint8
def k(A: uint8[2], B: uint8[2]):
    for i in range(2):
        B[i] = A[0][i:8]
