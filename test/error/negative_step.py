# expect: negative_step.py:5:26: error: not implemented yet: range with step -1; the step must be positive
# why: range steps are positive (negative: not yet)
from allo.ir.types import int32
def k(A: int32[10]):
    for i in range(9, 0, -1):
        A[i] = 1
