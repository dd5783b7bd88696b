# expect: parallel_scalar_accumulator.py:12:3: error: parallel("i") is illegal in function 'k': the loop carries the anti dependence S2[0] -> S1[1, 3] on acc[] (different iterations of 'i' touch the same element); the scalar 'acc' is shared by every iteration: s.scalar_expand(s.acc, "i") gives each iteration of 'i' its own copy; or pipeline or unroll the loop instead
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
