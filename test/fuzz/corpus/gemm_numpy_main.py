import allo
from allo.ir.types import int8, int16, int32, float32
import numpy as np

M, N, K = 32, 32, 32

def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
    C: float32[M, N] = 0.0
    for i, j, k in allo.grid(M, N, K):
        C[i, j] += A[i, k] * B[k, j]
    return C

s = allo.customize(gemm)
print(s.module)
mod = s.build(target="llvm")
np_A = np.random.rand(M, K).astype(np.float32)
np_C = mod(np_A, np_A)
np.testing.assert_allclose(np_C, np_A @ np_A, rtol=1e-5)
if __name__ == "__main__":
    test()
