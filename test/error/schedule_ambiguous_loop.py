# expect: schedule_ambiguous_loop.py:11:3: error: function 'k' has 2 loops named 'i'; name one with its band: "S_i_0:i" or "S_i_1:i"
# why: a loop name used by several bands is qualified with its band ("band:i")
import allo
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    for i in range(4):
        A[i] = 0
    for i in range(4):
        B[i] = 0
s = allo.customize(k)
s.split("i", 2)
