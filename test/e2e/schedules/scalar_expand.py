# scalar_expand: the scalar t is written and read in every iteration of the
# band (i, j), so its anti and output dependences refuse reorder("j", "i").
# One copy of t per j keeps the iterations that share a copy in order.
import allo
from allo.ir.types import int32

M, N = 8, 6


def kernel(A: int32[M, N], B: int32[M, N]):
    for i, j in allo.grid(M, N):
        t: int32 = A[i, j] * 2
        B[i, j] = t + i - j


s = allo.customize(kernel)
s.scalar_expand(s.t, "j")
s.reorder("j", "i")
s.parallel("j")
