# The seed systolic GEMM in current Allo's spelling (SPEC.md section 7):
# partition C, A and B by dim, unfold without factors, and to() naming the
# PE axis each buffer moves along (A_fifo along j = 1, B_fifo along i = 0).
# 2 x 2 PEs with a long reduction, K = 768.
import allo
from allo.ir.types import int8, int16

M, N, K = 2, 2, 768


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
A_fifo = s.buffer_at(s.A, "j")
B_fifo = s.buffer_at(s.B, "j")
s.partition(s.C, dim=0)
s.partition(s.A, dim=1)
s.partition(s.B, dim=2)
pe = s.unfold("PE", [0, 1])
s.to(A_fifo, pe, axis=1, depth=M + 1)
s.to(B_fifo, pe, axis=0, depth=N + 1)
s.pipeline("k")
