# expect: unknown_name.py:5:12: error: unknown name 'x'; the names in scope in kernel 'k' are A
# why: a name in an expression is a local, parameter, loop variable or module constant
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = x + 1
