# expect: missing_return.py:4:1: error: kernel 'k' is annotated to return int32[4] but does not end with a return statement
# why: a kernel annotated to return ends with a return
from allo.ir.types import int32
def k(A: int32[4]) -> int32[4]:
    A[0] = 1
