import allo
from allo.ir.types import int32, float32


def k(A: int32[6], B: int32[6], F: float32[6]):
    for i in range(6):
        if i in {0, 5}:
            B[i] = -1
        elif A[i] > 0 and not A[i] > 100:
            B[i] = 1
        elif i == 2 or (i >= 3 and i < 4):
            B[i] = A[i] // 3 % 2
        else:
            B[i] = 0 if A[i] == 0 else 2
        if i > 0:
            F[i] = F[i - 1] * 0.5 + float(A[i]) / 2
        if 0 < i <= 4 != A[i]:
            pass
