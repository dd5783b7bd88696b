# expect: fuse_drops_marks.py:10:3: error: fuse would drop the marks of 'i' (pipeline II=1): only the innermost fused loop's marks carry over; fuse first, then mark the fused loop
# why: fuse keeps only the innermost fused loop's marks, so an outer one with marks is refused
import allo
from allo.ir.types import int32
def k(A: int32[4, 4]):
    for i, j in allo.grid(4, 4):
        A[i, j] = 0
s = allo.customize(k)
s.pipeline("i")
s.fuse("i", "j")
