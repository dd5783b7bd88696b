# expect: to_no_relay_axis.py:13:3: error: to(A_buf, "PE"): every PE loads different elements into 'A_buf' along every unfolded loop (0 (i)); a relay passes the same elements from PE to PE, so the buffer must not depend on the loop it moves along
# why: a relay passes the same elements from PE to PE: the buffer must not change along the axis it moves along
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
pe = s.unfold("PE", axis=[0])
s.to(buf_A, pe, axis=0)
