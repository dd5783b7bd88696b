# expect: error: run 'k': runtime_out_of_bounds.py:6:9: A subscript 1 was out of bounds at run time (a subscript that depends on data, or one under a data-dependent if); the access used element 0 instead and the results are not meaningful
# why: a data-dependent subscript out of bounds is caught when the simulation runs
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    for i in range(4):
        B[i] = A[A[i]]
