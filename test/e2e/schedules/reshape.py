# reshape: the local T (float32[4, 8]) is stored as T[2, 2, 8], the argument
# A is read as one row of 32 elements and the result B is written as B[8, 4];
# every access is rewritten with // and % by constants, before the schedule
# (pipelining both nests) applies. `polyallo run` feeds the kernel as written
# and the reshaped one the same bytes.
import allo
from allo.ir.types import float32

M, N = 4, 8


def kernel(A: float32[M, N], B: float32[M, N]):
    T: float32[M, N] = 0.0
    for i, j in allo.grid(M, N):
        T[i, j] = A[i, j] * 2.0 + A[M - 1 - i, j]
    for p, q in allo.grid(M, N):
        B[p, q] = T[p, q] - T[M - 1 - p, N - 1 - q]


s = allo.customize(kernel)
s.reshape(s.T, (2, 2, 8))
s.reshape(s.A, (32,))
s.reshape(s.B, (8, 4))
s.pipeline("j")
s.pipeline("q")
