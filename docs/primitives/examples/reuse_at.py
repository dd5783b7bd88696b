# A 3x3 convolution with a line buffer (reuse along y) and a window buffer
# (reuse along x, on the line buffer reuse_at returned), as HeteroCL and
# Allo write it.
import allo
from allo.ir.types import int8, int32

H, W = 6, 8


def conv(A: int8[H, W], F: int8[3, 3]) -> int32[H - 2, W - 2]:
    B: int32[H - 2, W - 2] = 0
    for y, x in allo.grid(H - 2, W - 2):
        v: int32 = 0
        for r in allo.reduction(3):
            for c in allo.reduction(3):
                v += A[y + r, x + c] * F[r, c]
        B[y, x] = v
    return B


s = allo.customize(conv)
LB = s.reuse_at(s.A, "y")
WB = s.reuse_at(LB, "x")
s.partition(LB, dim=1)
s.partition(WB)
s.partition(s.F)
s.pipeline("x")
