# expect: fuse_not_consecutive.py:9:3: error: fuse coalesces consecutive nested loops of one band, outermost first; 'i', 'k' are not (band S_i_j_k_0 has loops i, j, k)
# why: fuse coalesces consecutive nested loops, outermost first
import allo
from allo.ir.types import int32
def f(A: int32[4, 4, 4]):
    for i, j, k in allo.grid(4, 4, 4):
        A[i, j, k] = 0
s = allo.customize(f)
s.fuse("i", "k")
