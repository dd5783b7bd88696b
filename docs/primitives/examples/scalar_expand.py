# scalar_expand: t is one scalar shared by every iteration of i and j, so its
# anti and output dependences tie the iterations together and reorder("j", "i")
# and parallel("j") are refused. Expanded along j it becomes t[j], one copy per
# iteration of j: j can then move outermost and run in parallel.
import allo
from allo.ir.types import int32

M, N = 4, 6


def kernel(A: int32[M, N], B: int32[M, N]):
    for i, j in allo.grid(M, N):
        t: int32 = A[i, j] * 2
        B[i, j] = t * t + t


s = allo.customize(kernel)
s.scalar_expand(s.t, "j")
s.reorder("j", "i")
s.parallel("j")
