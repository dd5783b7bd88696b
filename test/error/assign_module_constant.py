# expect: assign_module_constant.py:6:5: error: cannot assign to module constant 'M' inside a kernel; declare a local with another name, e.g. 'M_v: int32 = ...'
# why: module constants are read-only inside kernels
from allo.ir.types import int32
M = 4
def k(A: int32[M]):
    M = 5
