# expect: to_wrong_axis.py:13:3: error: to(A_buf, "PE"): axis=5 is not an unfolded loop of band 'PE'; they are 0 (j)
# why: the buffer holds different elements along the axis given and it is not the only other choice
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
pe = s.unfold("PE", axis=1)
s.to(buf_A, pe, axis=5)
