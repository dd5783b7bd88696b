# expect: syntax_positional_after_keyword.py:6:34: error: positional argument follows keyword argument; put positional arguments first
# why: positional arguments come before keyword arguments
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in allo.grid(name="a", 4):
        A[i] = 0
