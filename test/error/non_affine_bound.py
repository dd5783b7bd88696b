# expect: non_affine_bound.py:6:9: error: the upper bound of loop 'j' must be affine in enclosing loop iterators, module parameters and constants (+, -, * by a constant, // and % by a positive constant, min, max), got '(i * i)'
# why: loop bounds are affine in outer iterators and constants
from allo.ir.types import int32
def k(A: int32[16]):
    for i in range(4):
        for j in range(i * i):
            A[j] = 0
