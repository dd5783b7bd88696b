# expect: meta_if_not_constant.py:7:27: error: the condition of meta_if must be known at compile time: 'i' is a loop variable, not a compile-time constant
# why: meta_if conditions are compile-time constants
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        with allo.meta_if(i == 0):
            A[i] = 1
