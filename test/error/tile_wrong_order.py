# expect: tile_wrong_order.py:9:3: error: tile needs two loops of one band, the first outside the second; 'j' is inside 'i' (band S_i_j_0 has loops i, j): name 'i' first
# why: tile names the outer loop first
import allo
from allo.ir.types import int32
def k(A: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        A[i, j] = 0
s = allo.customize(k)
s.tile("j", "i", 2, 2)
