# expect: ?
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
