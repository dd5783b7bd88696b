# expect: not_implemented_partition.py:9:3: error: not implemented yet: partition; this version applies the compute primitives (split, tile, reorder, fuse, compute_at, unroll, pipeline, parallel, dataflow, inline, compose, scalar_expand)
# why: memory primitives arrive later: refused, never ignored
import allo
from allo.ir.types import int32
def k(A: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        A[i, j] = 0
s = allo.customize(k)
s.partition(s.A)
