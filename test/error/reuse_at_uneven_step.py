# expect: reuse_at_uneven_step.py:8:3: error: reuse_at(A, "i"): the window of 'A' moves by a step that is not a constant multiple of 'i' (its offset { [i0] -> [(floor((i0)/2))] } divides the loop), so it cannot shift by the same amount every iteration
import allo
from allo.ir.types import int32
def k(A: int32[8], B: int32[12]):
    for i in range(12):
        B[i] = A[i // 2] + A[i // 2 + 1]
s = allo.customize(k)
s.reuse_at(s.A, "i")
