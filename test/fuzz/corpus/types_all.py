import allo
from allo.ir.types import int1, int8, int16, int32, int64, uint1, uint8, uint16, uint32, uint64
from allo.ir.types import Fixed, UFixed, Int, UInt, bool, index, float32, float64


def k(A: Fixed(16, 8)[4], B: UInt(12)[2], c: Int(7), d: bool, e: UFixed(8, 3), f: index,
      G: int1[2], H: uint64[2], I: float64[2], J: int64[3, 2]):
    t: Fixed(12, 4) = 0
    u: uint16 = 65535
    v: float64 = 1e-3
    w: int8 = -128
    for i in range(2):
        t = A[i] * A[i + 1] + e
        H[i] = B[i] << 3 | (B[i] >> 1) ^ ~B[i] & 7
        I[i] = v ** 2 + allo.exp(I[i]) - allo.log(2.0) + allo.tanh(I[i])
        J[i, 0] = int(I[i]) + c + w + u
        G[i] = d
