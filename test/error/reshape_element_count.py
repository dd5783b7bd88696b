# expect: reshape_element_count.py:9:3: error: reshape(A, (4, 4)): 'A' (int32[4, 8]) has 32 elements but the shape (4, 4) has 16; reshape keeps the element count (the same row-major data, a new shape)
# why: reshape keeps the element count (both counts are stated)
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.reshape(s.A, (4, 4))
