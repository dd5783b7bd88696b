# expect: buffer_at_reduction_loop.py:9:3: error: buffer_at(C, "j"): the loop 'r' around 'j' accumulates into 'C' (C[0, 0] is written by S0[0, 0, 0] and again by S0[0, 0, 3]), so a buffer inside it would be loaded and stored on every iteration; buffer 'C' at 'r' or outside it
import allo
from allo.ir.types import int32
def k(A: int32[4, 4], B: int32[4, 4], C: int32[4, 4]):
    for i, j, r in allo.grid(4, 4, 4):
        C[i, j] += A[i, r] * B[r, j]
s = allo.customize(k)
s.reorder("r", "j")
s.buffer_at(s.C, "j")
