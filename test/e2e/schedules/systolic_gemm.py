# The seed systolic GEMM (SPEC.md section 7) from its nine-line schedule, in
# the slide spelling: int8 x int8 -> int16, a 16 x 16 grid of PEs, K = 64.
# buffer_at gives each PE a row of A and a column of B; unfold makes one PE
# per (i, j); to() relays A_buf along j and B_buf along i through FIFOs
# (axis= names the buffer's spatial PE axis here; the relay is the other one).
import allo
from allo.ir.types import int8, int16

M, N, K = 16, 16, 64


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
pe = s.unfold("PE", axis=[0, 1], factor=[M, N])
s.partition(s.A, dim=0)
s.partition(s.B, dim=1)
s.partition(s.C, dim=[0, 1])
s.to(buf_A, pe, axis=0, depth=M + 1)
s.to(buf_B, pe, axis=1, depth=N + 1)
