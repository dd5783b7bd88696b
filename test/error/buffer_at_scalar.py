# expect: buffer_at_scalar.py:10:3: error: buffer_at(acc, "i"): 'acc' is a scalar, which already lives in a register; buffer an array
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    acc: int32 = 0
    for i in range(4):
        acc += A[i]
    A[0] = acc
s = allo.customize(k)
s.buffer_at(s.acc, "i")
