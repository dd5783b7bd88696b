# expect: to_stage_not_local.py:11:3: error: to(C, "matmul"): 'C' is not a local of function 'matmul' (it is its argument); a stream between two stages carries a local array the function computes and uses itself
# why: to without axis= streams a local the function computes and uses itself
import allo
from allo.ir.types import int8, int16
M, N, K = 2, 3, 4
def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(matmul)
s.to(s.C, "matmul")
