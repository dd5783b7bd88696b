import allo
from allo.ir.types import int32

M, N = 4, 2 * 4
X = 7 // -2 + 10
Y = 7 % -2 + 3
Z = 2 ** 3
T = (1, 2.5, (3, 4))
H = 0x10 + 0b11 + 0o7 + 1_000
F = 1.5e2


def k(A: int32[M, N], B: int32[X, Y, Z], C: int32[H]):
    pass
