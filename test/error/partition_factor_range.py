# expect: partition_factor_range.py:9:3: error: partition: factor 8 does not fit dim 1 of 'A' of function 'k' (4 elements); Partition.Cyclic takes the number of banks, from 2 to 4 (= Partition.Complete)
# why: Block and Cyclic take 2 to extent banks
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(s.A, partition_type=allo.Partition.Cyclic, dim=1, factor=8)
