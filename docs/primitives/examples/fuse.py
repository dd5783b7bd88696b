# fuse: coalesce consecutive nested loops of one band into i_j_fused.
import allo
from allo.ir.types import int32

M, N = 4, 8


def copy(A: int32[M, N], B: int32[M, N]):
    for i, j in allo.grid(M, N):
        B[i, j] = A[i, j]


s = allo.customize(copy)
s.fuse("i", "j")
