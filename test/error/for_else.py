# expect: for_else.py:5:5: error: not implemented yet: for ... else inside a kernel
# why: no for ... else (not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
    else:
        A[0] = 1
