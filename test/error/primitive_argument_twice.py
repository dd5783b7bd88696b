# expect: primitive_argument_twice.py:9:3: error: unroll got two values for 'factor': unroll(axis, factor=0)
# why: a primitive argument is given once
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.unroll("i", 2, factor=2)
