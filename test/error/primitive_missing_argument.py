# expect: primitive_missing_argument.py:9:3: error: split needs a value for 'factor': split(axis, factor, tail="guard")
# why: required primitive arguments are given
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.split("i")
