# expect: to_not_a_buffer.py:12:3: error: to(A, "PE"): 'A' is not a buffer that buffer_at loads inside band 'PE'; relay a buffer: buf = s.buffer_at(A, loop) in the PE band, then s.to(buf, pe, axis=...)
# why: to with axis= relays a buffer that buffer_at loads inside the PE band
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
pe = s.unfold("PE", axis=[0, 1])
s.to(s.A, pe, axis=0)
