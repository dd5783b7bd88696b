# expect: unknown_loop_variable.py:7:7: error: unknown name 'i'; the names in scope in kernel 'k' are A
# why: a loop variable exists only inside its loop
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
    A[i] = 1
