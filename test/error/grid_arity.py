# expect: grid_arity.py:6:14: error: allo.grid has 2 extent(s) but 1 loop variable(s)
# why: allo.grid has one extent per loop variable
import allo
from allo.ir.types import int32
def k(A: int32[4, 4]):
    for i in allo.grid(4, 4):
        A[i, 0] = 0
