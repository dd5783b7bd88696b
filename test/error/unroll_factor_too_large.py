# expect: unroll_factor_too_large.py:9:3: error: unroll factor 9 does not fit loop 'i' of 8 iterations; 0 unrolls fully, a factor from 1 to 8 partially
# why: an unroll factor is 0 (fully) or at most the loop's trip count
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.unroll("i", 9)
