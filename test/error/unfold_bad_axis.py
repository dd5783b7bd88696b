# expect: unfold_bad_axis.py:11:3: error: unfold("PE"): axis 5 is not one of the band's loops, or repeats; its loops are 0 = i, 1 = j, 2 = k
# why: the axes are indices of the band's loops
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
s.unfold("PE", axis=[0, 5])
