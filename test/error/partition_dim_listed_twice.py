# expect: partition_dim_listed_twice.py:9:3: error: partition: dim=[1, 1] names dim 1 twice; name each dim once
# why: a dim list names each dim once
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, allo.Partition.Cyclic, dim=[1, 1], factor=2)
