# expect: get_loops_unknown_loop.py:9:3: error: function 'k' has no loop 'j' in a band 'S_i_0'; its loops are i (band S_i_0)
# why: a loop handle from get_loops must name a band and a loop of the function
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.pipeline(s.get_loops()["S_i_0"]["j"])
