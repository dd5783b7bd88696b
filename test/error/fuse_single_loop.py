# expect: fuse_single_loop.py:9:3: error: fuse coalesces two or more nested loops, e.g. fuse("i", "j")
# why: fuse takes two or more loops
import allo
from allo.ir.types import int32
def k(A: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        A[i, j] = 0
s = allo.customize(k)
s.fuse("i")
