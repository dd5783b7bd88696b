import allo
from allo.ir.types import int32


def k(A: int32[4]):
    for i in range(4):
        if A[i] > 2:
            break
        continue
    def g(B: int32[4]):
        pass
    acc: int32 = 0
    with allo.meta_else():
        pass
