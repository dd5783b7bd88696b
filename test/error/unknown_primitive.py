# expect: unknown_primitive.py:9:3: error: the schedule of 'k' has no array or primitive 'reoder'; its arrays are A; its primitives are split, reorder, tile, fuse, compute_at, unroll, pipeline, parallel, partition, reshape, buffer_at, reuse_at, unfold, to, dataflow, inline, compose, scalar_expand, build, verify
# why: schedule methods are Allo's primitives
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.reoder("i")
