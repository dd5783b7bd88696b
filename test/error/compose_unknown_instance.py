# expect: compose_unknown_instance.py:12:3: error: compose: id="Y" names no instance of 'sub'; a call sub[..., "Y"](...) creates the instance sub_Y, and the module's functions are sub, sub_X, top
# why: compose's id= names an instance the kernel calls
import allo
from allo.ir.types import int32
def sub[N: int32](A: int32[N]):
    for i in range(N):
        A[i] = 0
def top(A: int32[4]):
    sub[4, "X"](A)
s_sub = allo.customize(sub, instantiate=[4])
s = allo.customize(top)
s.compose(s_sub, id="Y")
