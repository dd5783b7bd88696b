# expect: primitive_flag_not_a_boolean.py:9:3: error: pipeline: 'rewind' takes True or False, not 2
# why: a flag such as pipeline's rewind= is True or False
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.pipeline("i", rewind=2)
