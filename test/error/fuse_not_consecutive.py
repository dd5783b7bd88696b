# expect: ?
# why: fuse coalesces consecutive nested loops, outermost first
import allo
from allo.ir.types import int32
def f(A: int32[4, 4, 4]):
    for i, j, k in allo.grid(4, 4, 4):
        A[i, j, k] = 0
s = allo.customize(f)
s.fuse("i", "k")
