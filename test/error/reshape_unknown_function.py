# expect: reshape_unknown_function.py:9:3: error: reshape(A, (32,)): there is no function 'g'; the functions are k
# why: reshape's "func:A" names a function of the module
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.reshape("g:A", (32,))
