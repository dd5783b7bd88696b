# expect: shape_twice.py:4:10: error: 'int32[4]' already has a shape
# why: a type gets one shape
from allo.ir.types import int32
def k(A: int32[4][4]):
    pass
