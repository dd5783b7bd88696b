# expect: ?
# why: parallel is refused when the iterations share a scalar local
import allo
from allo.ir.types import int32
def k(A: int32[4, 4], B: int32[4]):
    for i in range(4):
        acc: int32 = 0
        for j in range(4):
            acc += A[i, j]
        B[i] = acc
s = allo.customize(k)
s.parallel("i")
