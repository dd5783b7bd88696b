# unroll, pipeline and parallel: marks on loops. They leave the order of
# execution as it is; parallel is refused on a loop that carries a dependence.
import allo
from allo.ir.types import int32

M, N, K = 4, 6, 8


def gemm(A: int32[M, K], B: int32[K, N], C: int32[M, N]):
    for i, j in allo.grid(M, N):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(gemm)
s.parallel("i")
s.pipeline("j", initiation_interval=2)
s.unroll("k", 4)
