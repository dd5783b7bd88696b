# expect: assign_bit.py:5:5: error: not implemented yet: assigning to a bit or bit slice of 'A'
# why: assigning to bits (not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    A[0][3] = 1
