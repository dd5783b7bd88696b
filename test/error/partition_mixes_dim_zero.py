# expect: partition_mixes_dim_zero.py:10:3: error: partition: dim 2 of 'A' of function 'k' is already partitioned Cyclic factor 2 by partition("k:A", partition_type=Cyclic, dim=2, factor=2) at partition_mixes_dim_zero.py:9:3; dim=0 partitions every dim, so it cannot be mixed with a per-dim partition of the same array: name the dims in each step, or partition every dim in one step
# why: dim=0 (every dim) is not mixed with a per-dim partition of the same array
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, allo.Partition.Cyclic, dim=2, factor=2)
s.partition(s.A, dim=0)
