# expect: while_loop.py:5:5: error: not implemented yet: while loops; write a for loop with affine bounds
# why: no while loops (not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    while A[0] < 3:
        A[0] += 1
