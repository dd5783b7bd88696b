# A stride-2 3x3 convolution: each iteration of y moves the window two rows,
# so the line buffer shifts by two and loads two new rows.
import allo
from allo.ir.types import int32

H, W = 11, 13


def conv2(A: int32[H, W], F: int32[3, 3]) -> int32[5, 6]:
    B: int32[5, 6] = 0
    for y, x in allo.grid(5, 6):
        for r in allo.reduction(3):
            for c in allo.reduction(3):
                B[y, x] += A[2 * y + r, 2 * x + c] * F[r, c]
    return B


s = allo.customize(conv2)
LB = s.reuse_at(s.A, "y")
WB = s.reuse_at(LB, "x")
s.pipeline("x")
