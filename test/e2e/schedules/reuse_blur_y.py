# reuse_at along y: a line buffer of three rows feeds a vertical blur.
import allo
from allo.ir.types import int32

H, W = 8, 10


def blur_y(A: int32[H, W]) -> int32[H - 2, W]:
    B: int32[H - 2, W] = 0
    for y, x in allo.grid(H - 2, W):
        B[y, x] = A[y, x] + A[y + 1, x] + A[y + 2, x]
    return B


s = allo.customize(blur_y)
LB = s.reuse_at(s.A, "y")
s.partition(LB, dim=1)
s.pipeline("x")
