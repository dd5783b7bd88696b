# expect: schedule_unknown_array.py:9:15: error: the schedule of 'k' has no array or primitive 'B'; its arrays are A; its primitives are split, reorder, tile, fuse, compute_at, unroll, pipeline, parallel, partition, reshape, buffer_at, reuse_at, unfold, to, dataflow, inline, compose, scalar_expand, build, verify
# why: s.NAME names an array of the customized kernel
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.partition(s.B)
