# expect: reorder_same_loop_twice.py:9:3: error: reorder names loop 'j' twice; name each loop once
# why: reorder names each loop once
import allo
from allo.ir.types import int32
def k(A: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        A[i, j] = 0
s = allo.customize(k)
s.reorder("j", "j")
