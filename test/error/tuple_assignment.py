# expect: tuple_assignment.py:5:5: error: not implemented yet: tuple assignment inside a kernel other than from a kernel call returning several values
# why: tuple assignment only from a kernel call returning several values (not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    x, y = A[0], A[1]
