# expect: reshape_extent_zero.py:9:3: error: reshape(A, (0, 32)): extent 0 is not positive; every extent of the new shape is at least 1
# why: every extent of reshape's new shape is at least 1
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.reshape(s.A, (0, 32))
