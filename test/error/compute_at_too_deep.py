# expect: compute_at_too_deep.py:11:3: error: compute_at at 'j' fuses 2 loops, but the producer's band P has only 1 (i); choose an outer loop of the consumer
# why: compute_at's consumer loop is at most as deep as the producer's nest
import allo
from allo.ir.types import int32
def k(A: int32[4], B: int32[4, 4]):
    for i in range(4, name="P"):
        A[i] = i
    for i, j in allo.grid(4, 4, name="C"):
        B[i, j] = A[i] + j
s = allo.customize(k)
s.compute_at("P", "C:j")
