# compose: replay a sub-kernel's schedule inside the top kernel's. top calls
# matmul twice; both calls run the one function matmul, so both get it.
import allo
from allo.ir.types import int8, int32

M, N, K = 4, 6, 8


def matmul(A: int8[M, K], B: int8[K, N], C: int32[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


def top(X: int8[M, K], W1: int8[K, N], W2: int8[K, N]) -> int32[M, N]:
    Y: int32[M, N] = 0
    matmul(X, W1, Y)
    matmul(X, W2, Y)
    return Y


s_mm = allo.customize(matmul)
s_mm.reorder("k", "j")
s_mm.pipeline("j")

s = allo.customize(top)
s.compose(s_mm)
s.unroll("matmul:k", 2)
