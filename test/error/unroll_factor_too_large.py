# expect: ?
# why: an unroll factor is 0 (fully) or at most the loop's trip count
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.unroll("i", 9)
