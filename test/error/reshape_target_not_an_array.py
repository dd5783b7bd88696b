# expect: reshape_target_not_an_array.py:9:3: error: reshape: 'target' takes an array, as s.A or "A", not an integer 4
# why: reshape's target is an array (s.A or "A")
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.reshape(4, (32,))
