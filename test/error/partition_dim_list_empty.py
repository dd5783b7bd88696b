# expect: partition_dim_list_empty.py:9:3: error: partition: dim=[] names no dim; dim= takes a dim (counting from 1), a list of dims, or 0 for every dim
# why: a dim list names at least one dim (0 = every dim)
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, dim=[])
