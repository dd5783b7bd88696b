# expect: split_factor_zero.py:9:3: error: split factor 0 does not fit loop 'i' of 8 iterations; a factor from 1 to 8 is legal
# why: a split factor lies between 1 and the loop's trip count
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.split("i", 0)
