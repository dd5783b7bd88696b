# expect: chained_assignment.py:5:5: error: not implemented yet: chained assignment 'a = b = c' inside a kernel
# why: one target per assignment (not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    x = y = A[0]
