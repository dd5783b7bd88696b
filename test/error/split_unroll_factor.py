# expect: split_unroll_factor.py:10:3: error: split("i", 4) would leave unroll factor 8 on i.inner of 4 iterations (a split loop's marks move to its inner loop); split by at least 8 or unroll after splitting
# why: a split loop's unroll mark moves to its inner loop, which must have at least that many iterations
import allo
from allo.ir.types import int32
def k(A: int32[16]):
    for i in range(16):
        A[i] = 0
s = allo.customize(k)
s.unroll("i", 8)
s.split("i", 4)
