# expect: parameter_default.py:4:20: error: not implemented yet: default value of kernel parameter 'x'
# why: kernel parameters have no defaults (not yet)
from allo.ir.types import int32
def k(A: int32[4], x: int32 = 1):
    pass
