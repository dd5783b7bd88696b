# Inline annotations: allo.grid(..., pipeline=True|II, unroll=True|F) mark the
# innermost loop of the grid; a later split keeps the mark on .inner, a later
# reorder moves it with its loop.
import allo
from allo.ir.types import int32

M, N, K = 4, 8, 6


def kernel(A: int32[M, N], B: int32[M, N], C: int32[K, N]):
    for i, j in allo.grid(M, N, pipeline=2):
        B[i, j] = A[i, j] + 1
    for k, l in allo.grid(K, N, unroll=True):
        C[k, l] = k + l


s = allo.customize(kernel)
s.split("j", 4)
s.reorder("l", "k")
