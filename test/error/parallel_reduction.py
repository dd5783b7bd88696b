# expect: ?
# why: parallel is refused on a loop that carries a dependence
import allo
from allo.ir.types import int32
def f(A: int32[4, 4], B: int32[4, 4], C: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        for k in range(4):
            C[i, j] += A[i, k] * B[k, j]
s = allo.customize(f)
s.parallel("k")
