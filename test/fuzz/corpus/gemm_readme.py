# GEMM, as in Allo's README: the kernel, then its schedule script.
# `polyallo run docs/examples/gemm.py` simulates it on the CPU with seeded
# random inputs and compares the scheduled program with the unscheduled one.
import allo
from allo.ir.types import float32

M, N, K = 32, 32, 32


def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
    C: float32[M, N] = 0.0
    for i, j, k in allo.grid(M, N, K):
        C[i, j] += A[i, k] * B[k, j]
    return C


s = allo.customize(gemm)
print(s.module)
mod = s.build(target="llvm")

# Allo checks the result with NumPy; polyallo skips these lines (with a note)
# and `polyallo run` makes its own comparison.
import numpy as np

np_A = np.random.rand(M, K).astype(np.float32)
np_B = np.random.rand(K, N).astype(np.float32)
np_C = mod(np_A, np_B)
np.testing.assert_allclose(np_C, np.matmul(np_A, np_B), rtol=1e-5)
