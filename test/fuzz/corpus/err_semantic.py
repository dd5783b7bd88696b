import allo
from allo.ir.types import int8, int32, uint8


def f(A: int32[4]):
    f(A)


def g(A: int32[4]) -> int32[4]:
    A[0] = 1


def h(A: int33[4], B: Int(0)[4], C: 3[4]):
    pass


def l(A: int32[4, 4], B: uint8[2]):
    A[0, 1, 2, 3] = 0
    B[0] = B[0][4:9]
    for i in range(4):
        i = 2
        for i in range(4):
            A[i] = 0
    while A[0] < 3:
        A[0] += 1
