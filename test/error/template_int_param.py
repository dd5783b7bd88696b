# expect: template_int_param.py:7:5: error: template parameter 'N' of 'k' must be a compile-time integer, got a type 'float32'
# why: an int32 template parameter gets a compile-time integer
import allo
from allo.ir.types import int32, float32
def k[T, N: int32](A: T[N]):
    pass
s = allo.customize(k, instantiate=[int32, float32])
