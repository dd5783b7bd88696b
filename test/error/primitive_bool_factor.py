# expect: primitive_bool_factor.py:9:3: error: unroll: 'factor' takes an integer, not a bool True
# why: a factor is an integer; True is not a factor (0 unrolls fully)
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.unroll("i", True)
