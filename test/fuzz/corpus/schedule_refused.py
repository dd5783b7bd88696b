import allo
from allo.ir.types import float32

M, N, K = 16, 16, 16


def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
    C: float32[M, N] = 0.0
    for i, j, k in allo.grid(M, N, K):
        C[i, j] += A[i, k] * B[k, j]
    return C


s = allo.customize(gemm)
s.reorder("k", "j")
s.split("i", factor=4)
s.pipeline("j", initiation_interval=2)
s.unroll("k", 0)
s.partition(s.A, partition_type=2, dim=1, factor=4)
s.tile("i", "j", 4, 4)
s.fuse("i", "j")
s.buffer_at(s.C, axis="i")
s.reshape(s.B, (4, 64))
print(s.module)
mod = s.build(target="vhls", mode="csim", project="gemm.prj")
