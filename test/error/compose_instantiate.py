# expect: compose_instantiate.py:12:3: error: not implemented yet: compose(..., instantiate=); customize the instance itself (allo.customize(k, instantiate=[...])) and compose that schedule
# why: compose(..., instantiate=) is not implemented yet
import allo
from allo.ir.types import int32
def sub[N: int32](A: int32[N]):
    for i in range(N):
        A[i] = 0
def top(A: int32[4]):
    sub[4](A)
s_sub = allo.customize(sub, instantiate=[4])
s = allo.customize(top)
s.compose(s_sub, instantiate=[4])
