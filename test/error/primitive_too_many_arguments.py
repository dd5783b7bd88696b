# expect: primitive_too_many_arguments.py:9:3: error: parallel takes at most 1 positional argument(s), got 2: parallel(axis)
# why: a primitive takes at most its parameters positionally
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.parallel("i", 2)
