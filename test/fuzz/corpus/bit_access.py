import allo
from allo.ir.types import uint8, uint16, int32, UInt


def k(A: uint16[8], B: uint8[8], C: int32[8], D: UInt(4)[8]):
    for i in range(8):
        B[i] = A[i][0:8]
        C[i] = A[i][15] + A[i][3]
        D[i] = A[i][4:8]
        C[i] = A[i][i % 16]
