# expect: partition_complete_factor.py:9:3: error: partition: Partition.Complete gives every element its own bank and takes no factor (factor=2 given); drop it, or ask for 2 banks with Partition.Block or Partition.Cyclic
# why: Partition.Complete takes no factor
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, dim=1, factor=2)
