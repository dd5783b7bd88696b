# A guarded tail split again: both new loops keep constant trip counts and the
# body one guard (7 = 4 + 3 iterations, then 2 + 2).
import allo
from allo.ir.types import int32
def k(A: int32[3, 7]):
    for i, j in allo.grid(3, 7):
        A[i, j] = i * 10 + j
s = allo.customize(k)
s.split("j", 4)
s.split("j.inner", 2)
