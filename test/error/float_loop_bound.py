# expect: float_loop_bound.py:5:20: error: a loop bound is an integer, got float32 '2.5'
# why: loop bounds are integers
from allo.ir.types import int32
def k(A: int32[16]):
    for i in range(2.5):
        A[i] = 0
