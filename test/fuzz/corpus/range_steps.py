import allo
from allo.ir.types import int32

N = 20


def k(A: int32[N], B: int32[N, N]):
    for i in range(1, 9, 3):
        A[i] = 1
    for i in range(N):
        for j in range(i, N):
            B[i, j] = i - j
    for i in range(0, N, 4):
        for j in range(i + 1, min(i + 4, N)):
            B[j, i] += B[i, j]
