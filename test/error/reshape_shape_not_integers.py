# expect: reshape_shape_not_integers.py:9:3: error: reshape: 'shape' takes an integer or a tuple of integers such as (4, 8), not a tuple whose element 2 is a float
# why: reshape's shape is an integer or a tuple of integer constants
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.reshape(s.A, (4, 8.0))
