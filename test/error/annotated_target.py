# expect: annotated_target.py:5:5: error: an annotated declaration names a new variable, e.g. 'C: float32[M, N] = 0'; got 'A[0]'
# why: an annotation declares a new name
from allo.ir.types import int32
def k(A: int32[4]):
    A[0]: int32 = 1
