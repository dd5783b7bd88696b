# expect: step_not_constant.py:5:27: error: the step of range must be known at compile time: 'A' is an array or variable, not a compile-time constant
# why: a range step is a compile-time integer
from allo.ir.types import int32
def k(A: int32[10]):
    for i in range(0, 10, A[0]):
        A[i] = 1
