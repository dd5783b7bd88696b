# expect: partition_dim_out_of_range.py:9:3: error: partition: dim 3 is out of range for 'A' of function 'k', which has 2 dim(s); dims count from 1 to 2, and 0 means every dim
# why: partition dims count from 1 to the rank, 0 means every dim
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, dim=3)
