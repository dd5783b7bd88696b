# expect: partition_dim_not_an_integer.py:9:3: error: partition: 'dim' takes an integer or a tuple of integers such as (4, 8), not a string "i"
# why: dim= is an integer or a list of integers
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, dim="i")
