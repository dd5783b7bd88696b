# reuse_at and partition on a sub-kernel's buffer, composed into a top that calls it twice.
import allo
from allo.ir.types import int32

H, W = 6, 8


def blur(A: int32[H, W], B: int32[H - 2, W]):
    for y, x in allo.grid(H - 2, W):
        B[y, x] = A[y, x] + A[y + 1, x] + A[y + 2, x]


def top(A: int32[H, W], C: int32[H, W]) -> int32[H - 2, W]:
    B: int32[H - 2, W] = 0
    D: int32[H - 2, W] = 0
    blur(A, B)
    blur(C, D)
    for i, j in allo.grid(H - 2, W):
        B[i, j] += D[i, j]
    return B


s0 = allo.customize(blur)
LB = s0.reuse_at(s0.A, "y")
s0.partition(LB, dim=1)
s0.pipeline("x")
s = allo.customize(top)
s.compose(s0)
