# expect: min_arity.py:5:12: error: min() takes two or more values inside a kernel
# why: min/max take two or more values inside a kernel
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = min(A[1])
