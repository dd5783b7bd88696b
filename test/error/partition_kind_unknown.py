# expect: partition_kind_unknown.py:8:18: error: Partition has no member 'Diagonal'; it has Complete, Block, Cyclic
# why: Partition has Complete, Block, Cyclic
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(k)
s.partition(s.A, allo.Partition.Diagonal)
