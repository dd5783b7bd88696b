# expect: reuse_at_window_fixed.py:8:3: error: reuse_at(A, "i"): every iteration of 'i' reads the same elements of 'A', so there is no window to shift; buffer_at holds them in one buffer
import allo
from allo.ir.types import int32
def k(A: int32[4], B: int32[6, 4]):
    for i, j in allo.grid(6, 4):
        B[i, j] = A[j]
s = allo.customize(k)
s.reuse_at(s.A, "i")
