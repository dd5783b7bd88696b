# expect: in_not_a_collection.py:6:17: error: 'in' inside a kernel needs a constant tuple, list or set, got an integer
# why: 'in' inside a kernel tests membership in a constant collection
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        if i in 3:
            A[i] = 0
