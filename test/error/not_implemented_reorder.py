# expect: not_implemented_reorder.py:9:3: error: not implemented yet: reorder; this version simulates and emits kernels without schedule primitives (remove the line to run the kernel unscheduled)
# why: loop transformations arrive later: refused, never ignored
import allo
from allo.ir.types import int32
def k(A: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        A[i, j] = 0
s = allo.customize(k)
s.reorder("j", "i")
