# expect: block_scope.py:7:12: error: unknown name 'acc'; the names in scope in kernel 'k' are A
# why: a local declared in a loop body ends with the loop
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        acc: int32 = A[i]
    A[0] = acc
