# expect: get_loops_unknown_function.py:9:9: error: get_loops: the module has no function 'g'; its functions are k
# why: get_loops takes the name of a function of the module
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
loops = s.get_loops("g")
