# expect: not_implemented_to.py:9:3: error: not implemented yet: to; this version applies the compute primitives (split, tile, reorder, fuse, compute_at, unroll, pipeline, parallel, dataflow, inline, compose, scalar_expand) and the memory primitives (partition, reshape, buffer_at, reuse_at)
# why: communication primitives arrive later: refused, never ignored
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.to(s.A, "k")
