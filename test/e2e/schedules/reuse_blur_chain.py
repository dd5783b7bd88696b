# reuse_at along y, then along x on the returned line buffer: the window
# buffer of a 3x3 box filter (float32: the order of the sum is kept, so the
# result is bit-exact).
import allo
from allo.ir.types import float32

H, W = 7, 9


def box(A: float32[H, W]) -> float32[H - 2, W - 2]:
    B: float32[H - 2, W - 2] = 0.0
    for y, x in allo.grid(H - 2, W - 2):
        B[y, x] = (A[y, x] + A[y, x + 1] + A[y, x + 2] + A[y + 1, x] + A[y + 1, x + 1] +
                   A[y + 1, x + 2] + A[y + 2, x] + A[y + 2, x + 1] + A[y + 2, x + 2])
    return B


s = allo.customize(box)
LB = s.reuse_at(s.A, "y")
WB = s.reuse_at(LB, "x")
s.partition(LB, dim=1)
s.partition(WB)
s.pipeline("x")
