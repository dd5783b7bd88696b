# compute_at: the producer's loop nest joins the consumer's loops down to an
# axis, so each B[i, j] is computed right before it is used.
import allo
from allo.ir.types import int32

M, N, K = 4, 6, 3


def kernel(A: int32[M, N], C: int32[M, N, K]):
    B: int32[M, N]
    for i, j in allo.grid(M, N, name="producer"):
        B[i, j] = A[i, j] * 2
    for i, j, k in allo.grid(M, N, K, name="consumer"):
        C[i, j, k] = B[i, j] + k


s = allo.customize(kernel)
s.compute_at("producer", "consumer:j")
