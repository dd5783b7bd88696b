# expect: early_return.py:6:9: error: not implemented yet: a return before the end of a kernel; return at the end of the kernel's body
# why: return comes last (early return: not yet)
from allo.ir.types import int32
def k(A: int32[4]) -> int32:
    if A[0] > 0:
        return A[0]
    return A[1]
