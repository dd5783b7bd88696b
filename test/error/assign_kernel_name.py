# expect: assign_kernel_name.py:6:1: error: 'k' is a kernel of this file; assigning to it would hide it
# why: a top-level assignment does not hide a kernel
from allo.ir.types import int32
def k(A: int32[4]):
    pass
k = 3
