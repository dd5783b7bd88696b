# expect: range_two_variables.py:5:9: error: range() gives one loop variable, got 2
# why: range gives one loop variable
from allo.ir.types import int32
def k(A: int32[4]):
    for i, j in range(4):
        A[i] = 0
