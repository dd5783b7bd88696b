# expect: reshape_scalar.py:11:3: error: reshape(acc, (1,)): 'acc' is a scalar (int32, a 0-d array); reshape gives an array of at least one dimension a new shape
# why: reshape gives an array a new shape; a scalar has none
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    acc: int32 = 0
    for i in range(4):
        acc += A[i]
    A[0] = acc
s = allo.customize(k)
s.reshape(s.acc, (1,))
