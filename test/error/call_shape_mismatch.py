# expect: call_shape_mismatch.py:7:9: error: argument 1 of the call to 'add': 'B' is int32[5] but parameter 'A' is int32[4]
# why: array arguments have the parameter's type and shape
from allo.ir.types import int32
def add(A: int32[4]):
    pass
def top(B: int32[5]):
    add(B)
