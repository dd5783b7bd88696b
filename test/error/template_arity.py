# expect: template_arity.py:7:5: error: template 'k' takes 2 argument(s) [T, N], got 1
# why: a template gets one argument per template parameter
import allo
from allo.ir.types import int32
def k[T, N: int32](A: T[N]):
    pass
s = allo.customize(k, instantiate=[int32])
