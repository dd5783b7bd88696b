# expect: data_dependent_loop_bound.py:5:20: error: not implemented yet: a loop bound that depends on data ('A[0]'); bounds are affine in enclosing loop variables and constants
# why: loop bounds are affine; bounds that read data come later
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(A[0]):
        A[i] = 0
