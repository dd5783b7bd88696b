# buffer_at on read-only inputs inside the PE grid: the systolic seed's first
# two lines (SPEC.md section 7), int8 x int8 -> int16.
import allo
from allo.ir.types import int8, int16

M, N, K = 8, 12, 6


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
s.pipeline("k")
