# reorder: permute the loops of one perfectly nested band. The grid's i, j
# and the range's k are nested with nothing between them: one band i, j, k.
import allo
from allo.ir.types import int32

M, N, K = 4, 6, 8


def gemm(A: int32[M, K], B: int32[K, N], C: int32[M, N]):
    for i, j in allo.grid(M, N):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(gemm)
s.reorder("k", "j")
