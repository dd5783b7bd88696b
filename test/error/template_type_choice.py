# expect: template_type_choice.py:8:5: error: template parameter 'T' of 'k' takes one of the types float32, int32; got a type 'int8'
# why: a type parameter with choices takes one of the listed types
import allo
from allo.ir.types import int8, int32, float32
def k[T: (float32, int32)](A: T[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k, instantiate=[int8])
