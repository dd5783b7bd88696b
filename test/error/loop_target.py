# expect: loop_target.py:5:9: error: a loop variable must be a name, got 'A[0]'
# why: a loop variable is a name
from allo.ir.types import int32
def k(A: int32[4]):
    for A[0] in range(4):
        pass
