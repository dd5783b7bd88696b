# buffer_at on the result of gemm: SPEC.md section 1 exactly, as Allo's README writes it.
import allo
from allo.ir.types import float32

M, N, K = 32, 32, 32


def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
    C: float32[M, N] = 0.0
    for i, j, k in allo.grid(M, N, K):
        C[i, j] += A[i, k] * B[k, j]
    return C


s = allo.customize(gemm)
s.reorder("k", "j")
s.buffer_at(s.C, axis="i")
s.pipeline("j")
print(s.module)
mod = s.build(target="llvm")
