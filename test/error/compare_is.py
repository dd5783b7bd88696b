# expect: compare_is.py:5:8: error: not implemented yet: 'is' inside a kernel; compare with == or !=
# why: 'is' does not compare kernel values (not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    if A[0] is A[1]:
        A[2] = 0
