# expect: ?
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
