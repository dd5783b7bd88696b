# expect: range_arity.py:5:14: error: range() takes 1 to 3 arguments (stop, or start, stop[, step]), got 4
# why: range takes stop, or start, stop[, step]
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(0, 4, 1, 1):
        A[i] = 0
