# expect: unfold_shared_data.py:11:3: error: unfold("PE") is illegal in function 'matmul': S0[0, 0, 1] (in PE_0_0_1) writes C[0, 0], which S0[0, 0, 0] (in PE_0_0_0) also accesses; PEs share data only through streams
# why: PEs share data only through streams: unfolding a reduction loop makes two PEs write one element
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
s.unfold("PE", axis=[0, 1, 2])
