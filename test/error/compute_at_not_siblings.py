# expect: compute_at_not_siblings.py:13:3: error: compute_at moves a producer's loop nest into a consumer's nest that follows it in the same block; band P (i, j) and loop 'y' of band S_y_2 are not side by side
# why: compute_at joins a producer nest with a consumer nest of the same block
import allo
from allo.ir.types import int32
def k(A: int32[4, 4], B: int32[4, 4]):
    for i, j in allo.grid(4, 4, name="P"):
        A[i, j] = i + j
    for x in range(4):
        B[x, 0] = 0
        for y in range(4):
            B[x, y] = A[x, y]
s = allo.customize(k)
s.compute_at("P", "y")
