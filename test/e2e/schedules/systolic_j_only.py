# The systolic GEMM with only j spatial (SPEC.md section 7): one PE per
# column, each running every row i; the rows of A move from PE to PE, each
# PE reads its own column of B.
import allo
from allo.ir.types import int8, int16

M, N, K = 8, 8, 16


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
pe = s.unfold("PE", axis=1, factor=M)
s.to(buf_A, pe, axis=1, depth=M + 1)
s.pipeline("k")
