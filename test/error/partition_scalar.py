# expect: partition_scalar.py:11:3: error: partition: 'acc' of function 'k' is a scalar (a 0-d array), a register already; partition spreads the elements of an array over memory banks
# why: a scalar is a register already: only arrays are partitioned
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    acc: int32 = 0
    for i in range(4):
        acc += A[i]
    A[0] = acc
s = allo.customize(k)
s.partition(s.acc)
