# expect: float_loop_bound.py:5:5: error: the upper bound of loop 'i' must be affine in enclosing loop iterators, module parameters and constants (+, -, * by a constant, // and % by a positive constant, min, max), got '2.5'
# why: loop bounds are integers
from allo.ir.types import int32
def k(A: int32[16]):
    for i in range(2.5):
        A[i] = 0
