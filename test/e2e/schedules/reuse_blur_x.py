# reuse_at along x: a three-element shift register feeds a horizontal blur.
import allo
from allo.ir.types import int32

H, W = 6, 12


def blur_x(A: int32[H, W]) -> int32[H, W - 2]:
    B: int32[H, W - 2] = 0
    for y, x in allo.grid(H, W - 2):
        B[y, x] = A[y, x] + A[y, x + 1] + A[y, x + 2]
    return B


s = allo.customize(blur_x)
RB = s.reuse_at(s.A, "x")
s.partition(RB, dim=1)
s.pipeline("x")
