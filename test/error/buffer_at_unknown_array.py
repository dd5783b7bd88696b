# expect: buffer_at_unknown_array.py:8:3: error: buffer_at: function 'k' has no array 'Z'; its arrays are A
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = i
s = allo.customize(k)
s.buffer_at("Z", "i")
