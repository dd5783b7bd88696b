# A 3x3 average pool with stride 2 (as in ResNet's stem): windows overlap by
# one row and one column; float32 division by 9 after an ordered sum.
import allo
from allo.ir.types import float32

H, W = 9, 11


def avgpool(A: float32[H, W]) -> float32[4, 5]:
    B: float32[4, 5] = 0.0
    for y, x in allo.grid(4, 5):
        v: float32 = 0.0
        for r in allo.reduction(3):
            for c in allo.reduction(3):
                v += A[2 * y + r, 2 * x + c]
        B[y, x] = v / 9.0
    return B


s = allo.customize(avgpool)
LB = s.reuse_at(s.A, "y")
WB = s.reuse_at(LB, "x")
s.partition(WB)
s.pipeline("x")
