# expect: primitive_factor_not_an_integer.py:9:3: error: split: 'factor' takes an integer, not a string "4"
# why: a factor is an integer
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.split("i", "4")
