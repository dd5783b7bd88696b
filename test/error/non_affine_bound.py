# expect: non_affine_bound.py:6:24: error: a loop bound must be affine in enclosing loop variables and constants (+, -, * by a constant, // and % by a positive constant, min, max), got 'i * i'
# why: loop bounds are affine in outer iterators and constants
from allo.ir.types import int32
def k(A: int32[16]):
    for i in range(4):
        for j in range(i * i):
            A[j] = 0
