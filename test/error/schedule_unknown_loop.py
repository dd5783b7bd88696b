# expect: schedule_unknown_loop.py:9:3: error: function 'k' has no loop 'x'; its loops are i (band S_i_0)
# why: a primitive names a loop of the kernel
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.split("x", 2)
