# expect: partition_layouts_do_not_meet.py:16:7: error: partition: the layouts required of dim 1 of 'top:Y' do not meet: cyclic(2), from partition("inc:A", partition_type=Cyclic, dim=1, factor=2) at partition_layouts_do_not_meet.py:15:7 through the call inc(Y, Z) at partition_layouts_do_not_meet.py:12:5, and block(2), from partition("inc:B", partition_type=Block, dim=1, factor=2) at partition_layouts_do_not_meet.py:16:7 through the call inc(X, Y) at partition_layouts_do_not_meet.py:11:5; only Partition.Complete serves both (every element its own register): partition the arrays alike, or ask for Partition.Complete on dim 1 explicitly
# why: an array shared through calls takes one layout: two requirements must meet below complete (the steps and calls are named)
import allo
from allo.ir.types import int32
def inc(A: int32[8], B: int32[8]):
    for i in range(8):
        B[i] = A[i] + 1
def top(X: int32[8]) -> int32[8]:
    Y: int32[8] = 0
    Z: int32[8] = 0
    inc(X, Y)
    inc(Y, Z)
    return Z
s_inc = allo.customize(inc)
s_inc.partition(s_inc.A, allo.Partition.Cyclic, dim=1, factor=2)
s_inc.partition(s_inc.B, allo.Partition.Block, dim=1, factor=2)
s = allo.customize(top)
s.compose(s_inc)
