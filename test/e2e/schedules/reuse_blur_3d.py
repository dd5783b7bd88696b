# A 3-D chain: reuse along z (planes), then y (lines), then x (a window).
import allo
from allo.ir.types import int32

D, H, W = 5, 6, 7


def blur3d(A: int32[D, H, W]) -> int32[D - 1, H - 1, W - 1]:
    B: int32[D - 1, H - 1, W - 1] = 0
    for z, y, x in allo.grid(D - 1, H - 1, W - 1):
        B[z, y, x] = (A[z, y, x] + A[z, y, x + 1] + A[z, y + 1, x] + A[z, y + 1, x + 1] +
                      A[z + 1, y, x] + A[z + 1, y, x + 1] + A[z + 1, y + 1, x] +
                      A[z + 1, y + 1, x + 1])
    return B


s = allo.customize(blur3d)
PB = s.reuse_at(s.A, "z")
LB = s.reuse_at(PB, "y")
WB = s.reuse_at(LB, "x")
s.pipeline("x")
