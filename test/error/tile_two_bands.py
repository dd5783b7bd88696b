# expect: tile_two_bands.py:11:3: error: tile needs two loops of one band, the first outside the second; 'i' is in band S_i_0 (i) and 'j' in band S_j_1 (j), with statements between them
# why: tile takes two loops of one perfectly nested band
import allo
from allo.ir.types import int32
def k(A: int32[4], B: int32[4, 4]):
    for i in range(4):
        A[i] = 0
        for j in range(4):
            B[i, j] = A[i] + j
s = allo.customize(k)
s.tile("i", "j", 2, 2)
