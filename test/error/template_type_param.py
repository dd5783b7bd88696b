# expect: template_type_param.py:7:5: error: template parameter 'T' of 'k' is a type parameter; got an integer '3'
# why: a type parameter gets an element type
import allo
from allo.ir.types import int32
def k[T, N: int32](A: T[N]):
    pass
s = allo.customize(k, instantiate=[3, 4])
