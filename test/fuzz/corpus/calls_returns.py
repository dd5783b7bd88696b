import allo
from allo.ir.types import int32


def add(A: int32[4], x: int32):
    for i in range(4):
        A[i] += x


def k(A: int32[4]) -> (int32, int32[4]):
    s: int32 = 0
    for i in range(4):
        s += A[i]
    return s * 2, A


def inc(A: int32[4]) -> int32[4]:
    B: int32[4] = 0
    for i in range(4):
        B[i] = A[i] + 1
    return B


def top(A: int32[4], S: int32[1], C: int32[4]):
    add(A, 3 + 4)
    total, copy = k(A)
    S[0] = total + copy[1]
    T = inc(A)
    U = T
    C = U


s = allo.customize(top)
mod = s.build()
