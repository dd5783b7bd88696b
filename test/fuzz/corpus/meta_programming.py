import allo
from allo.ir.types import int32

L = 3


def k[N: int32](A: int32[4]):
    with allo.meta_if(N == 0):
        A[0] = 10
    with allo.meta_elif(N == 1 or N > 7):
        A[0] = 11
    with allo.meta_else():
        with allo.meta_for(1, 4) as c:
            A[c] = c * 10
        with allo.meta_for(0, 4, 2) as d:
            with allo.meta_if(d == L - 1):
                A[d] += 1


def top(A: int32[4], B: int32[4], C: int32[4]):
    k[1](A)
    k[5](B)
    k[0](C)
