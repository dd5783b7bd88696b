# expect: reorder_two_bands.py:11:3: error: reorder permutes the loops of one perfectly nested band, but 'j' is in band S_j_1 (j) and 'i' in band S_i_0 (i); loops with statements between them cannot be interchanged by reorder
# why: reorder permutes loops of one perfectly nested band (no statement between them)
import allo
from allo.ir.types import int32
def k(A: int32[4], B: int32[4, 4]):
    for i in range(4):
        A[i] = 0
        for j in range(4):
            B[i, j] = A[i] + j
s = allo.customize(k)
s.reorder("j", "i")
