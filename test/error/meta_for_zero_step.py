# expect: meta_for_zero_step.py:6:10: error: meta_for step must not be zero
# why: meta_for's step is not zero
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    with allo.meta_for(0, 4, 0) as c:
        A[c] = 0
