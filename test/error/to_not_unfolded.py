# expect: to_not_unfolded.py:12:3: error: to(A_buf, "PE"): band 'PE' has no unfolded loop; unfold it first (pe = s.unfold("PE", axis=[...]))
# why: to with axis= needs the PE band unfolded first
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
s.to(buf_A, "PE", axis=1)
