import allo
from allo.ir.types import int32
def t[N: int32](A: int32[4]):
    with allo.meta_if(N > 0):
        t[N - 1](A)
s = allo.customize(t, instantiate=[1])
