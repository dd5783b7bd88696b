# expect: parallel_broken_by_reorder.py:10:3: error: reorder("j", "i") is illegal in function 'k': the parallel loop 'j' would carry the flow dependence S0[0, 0] -> S0[1, 1] on A[1, 1]; the schedule is unchanged
# why: a step may not make a loop marked parallel carry a dependence
import allo
from allo.ir.types import int32
def k(A: int32[8, 8]):
    for i, j in allo.grid(7, 7):
        A[i + 1, j + 1] = A[i, j] + 1
s = allo.customize(k)
s.parallel("j")
s.reorder("j", "i")
