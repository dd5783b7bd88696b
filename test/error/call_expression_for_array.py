# expect: call_expression_for_array.py:7:9: error: argument 1 of 'add' must be an array int32[4] (parameter 'A'), got 'B[0] + 1'
# why: an array parameter gets an array
from allo.ir.types import int32
def add(A: int32[4]):
    pass
def top(B: int32[4]):
    add(B[0] + 1)
