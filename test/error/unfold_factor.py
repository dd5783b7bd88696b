# expect: unfold_factor.py:11:3: error: unfold("PE"): factor 2 for loop 'j' of 3 iterations; unfold makes one PE per iteration (factor 3); for 2 PEs, split("j", 2) first and unfold "j.inner"
# why: unfold makes one PE per iteration: a factor other than the trip count is refused with the split that gives it
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
s.unfold("PE", axis=[0, 1], factor=[2, 2])
