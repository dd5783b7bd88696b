# tile: split i and j, then order the loops i.outer, j.outer, i.inner, j.inner.
import allo
from allo.ir.types import int32

M, N = 8, 12


def add(A: int32[M, N], B: int32[M, N], C: int32[M, N]):
    for i, j in allo.grid(M, N):
        C[i, j] = A[i, j] + B[i, j]


s = allo.customize(add)
s.tile("i", "j", 4, 4)
