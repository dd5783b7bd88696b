# gemm with its memories partitioned for the pipelined j loop: A cyclic on
# dim 2 (Allo's positional and keyword spellings), B in blocks of rows, C
# completely on dim 2, then reorder + pipeline as in SPEC.md section 1.
import allo
from allo.ir.types import float32

M, N, K = 16, 16, 16


def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
    C: float32[M, N] = 0.0
    for i, j, k in allo.grid(M, N, K):
        C[i, j] += A[i, k] * B[k, j]
    return C


s = allo.customize(gemm)
s.partition(s.A, partition_type=allo.Partition.Cyclic, dim=2, factor=4)
s.partition(s.B, allo.Partition.Block, 1, 4)
s.partition("gemm:C", dim=[2])
s.reorder("k", "j")
s.pipeline("j")
