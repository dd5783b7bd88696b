# expect: kernel_redefinition.py:6:1: error: kernel 'k' is already defined at kernel_redefinition.py:4:1
# why: kernel names are unique
from allo.ir.types import int32
def k(A: int32[4]):
    pass
def k(B: int32[4]):
    pass
