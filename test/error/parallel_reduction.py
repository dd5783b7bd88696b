# expect: parallel_reduction.py:10:3: error: parallel("k") is illegal in function 'f': the loop carries the flow dependence S0[0, 0, 0] -> S0[0, 0, 1] on C[0, 0] (different iterations of 'k' touch the same element); pipeline or unroll it instead
# why: parallel is refused on a loop that carries a dependence
import allo
from allo.ir.types import int32
def f(A: int32[4, 4], B: int32[4, 4], C: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        for k in range(4):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(f)
s.parallel("k")
