# expect: break.py:6:9: error: not implemented yet: break inside a kernel; loops run their whole range
# why: no break/continue (not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        break
