# The weight-stationary variant of the systolic GEMM (SPEC.md section 7):
# k and j are the spatial loops, so PE (k, j) multiplies by B[k, j]; rows of
# A move along j, and the partial sums C[:, j] move along k (each PE loads
# them from its predecessor, adds its products and passes them on; the last
# PE stores them).
import allo
from allo.ir.types import int8, int16

M, N, K = 6, 4, 5


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
s.reorder("k", "j", "i")
buf_A = s.buffer_at(s.A, "j")
buf_C = s.buffer_at(s.C, "j")
pe = s.unfold("PE", axis=[0, 1], factor=[K, N])
s.to(buf_A, pe, axis=1, depth=M + 1)
s.to(buf_C, pe, axis=0, depth=M + 1)
s.pipeline("i")
