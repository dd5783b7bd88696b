# expect: compute_at_illegal.py:11:3: error: compute_at("P", "C:j") is illegal in function 'k': it breaks the flow dependence S0[3, 4] -> S1[3, 3] on B[3, 4]: the schedule runs S1[3, 3] at or before S0[3, 4]; the schedule is unchanged
# why: compute_at is refused when the consumer reads a value the producer computes later
import allo
from allo.ir.types import int32
def k(A: int32[4, 5], B: int32[4, 5], C: int32[4, 4]):
    for i, j in allo.grid(4, 5, name="P"):
        B[i, j] = A[i, j] + 1
    for i, j in allo.grid(4, 4, name="C"):
        C[i, j] = B[i, j + 1]
s = allo.customize(k)
s.compute_at("P", "C:j")
