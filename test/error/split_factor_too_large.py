# expect: split_factor_too_large.py:9:3: error: split factor 16 does not fit loop 'i' of 8 iterations; a factor from 1 to 8 is legal
# why: a split factor is at most the loop's trip count
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.split("i", 16)
