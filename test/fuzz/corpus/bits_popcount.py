from allo.ir.types import uint8, int32, Fixed, UInt
import allo
W = 8
def popcount(A: uint8[16]) -> int32[16]:
    R: int32[16] = 0
    for i in range(16):
        c: int32 = 0
        with allo.meta_for(W) as b:
            c += A[i][b]
        if c > 4:
            R[i] = c
        elif c == 0:
            R[i] = -1
        else:
            R[i] = c * 2 if i % 2 == 0 else A[i][0:4]
    return R
