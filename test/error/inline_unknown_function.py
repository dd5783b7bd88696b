# expect: inline_unknown_function.py:9:3: error: inline takes a function; the module has no function 'g' (its functions are k)
# why: inline names a kernel of the module
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.inline("g")
