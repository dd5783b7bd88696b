# expect: return_count.py:5:5: error: kernel 'k' returns 2 value(s) but its annotation declares 1
# why: a kernel returns as many values as its annotation declares
from allo.ir.types import int32
def k(A: int32[4]) -> int32:
    return A[0], A[1]
