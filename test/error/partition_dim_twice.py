# expect: partition_dim_twice.py:10:3: error: partition: dim 2 of 'A' of function 'k' is already partitioned Cyclic factor 4 by partition("k:A", partition_type=Cyclic, dim=2, factor=4) at partition_dim_twice.py:9:3; a dim takes one partition: drop one step, or partition dim 2 Cyclic factor 4 in both
# why: a dim of an array takes one partition
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, allo.Partition.Cyclic, dim=2, factor=4)
s.partition(s.A, allo.Partition.Block, dim=2, factor=2)
