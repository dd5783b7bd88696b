# expect: compose_step_fails.py:13:3: error: compose: step split("i", 8) of the schedule of 'sub' (at compose_step_fails.py:11:7) does not apply to 'sub_X': split factor 8 does not fit loop 'i' of 4 iterations; a factor from 1 to 4 is legal
# why: every composed step applies to the function it is composed into
import allo
from allo.ir.types import int32
def sub[N: int32](A: int32[N]):
    for i in range(N):
        A[i] = 0
def top(A: int32[4]):
    sub[4, "X"](A)
s_sub = allo.customize(sub, instantiate=[8])
s_sub.split("i", 8)
s = allo.customize(top)
s.compose(s_sub, id="X")
