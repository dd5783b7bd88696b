# expect: reshape_empty_shape.py:8:3: error: reshape(A, ()): the new shape has no extent; give at least one, e.g. (1,) for 'A' as a 1-D array
# why: reshape's new shape has at least one extent
import allo
from allo.ir.types import int32
def k(A: int32[1]):
    A[0] = 1
s = allo.customize(k)
s.reshape(s.A, ())
