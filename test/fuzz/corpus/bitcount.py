# Bit-level code: bit access, bit slices, meta_for (unrolled at compile time),
# if/elif/else and a conditional expression.
import allo
from allo.ir.types import uint8, int32

W = 8


def bitcount(A: uint8[16]) -> int32[16]:
    R: int32[16] = 0
    for i in range(16):
        ones: int32 = 0
        with allo.meta_for(W) as b:
            ones += A[i][b]
        if ones > 4:
            R[i] = ones
        elif ones == 0:
            R[i] = -1
        else:
            R[i] = ones * 2 if i % 2 == 0 else A[i][0:4]
    return R


s = allo.customize(bitcount)
