# expect: partition_type_unknown.py:9:3: error: partition: partition_type 3 is unknown; it is Partition.Complete (0), Partition.Block (1) or Partition.Cyclic (2)
# why: partition_type is Partition.Complete (0), Block (1) or Cyclic (2)
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, partition_type=3, dim=1, factor=2)
