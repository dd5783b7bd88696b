import allo
from allo.ir.types import int32

N = ((((((1 + 2) * 3) - 4) // 5) % 6) ** 2) << 1 >> 1


def k(A: int32[8, 8]):
    for i, j in allo.grid(8, 8):
        A[i, j] = -(-(-(A[(i + 1) % 8, (j * 2 + 1) % 8]))) if not (i < j or i == j and j > 0) else ((A[i, j] & 0xff) | (A[j, i] ^ 3))
