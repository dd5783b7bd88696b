# expect: reuse_at_written_in_loop.py:8:3: error: reuse_at(A, "i"): loop 'i' writes 'A' (at reuse_at_written_in_loop.py:6:9), so a window of it kept in a buffer would go stale; reuse_at buffers arrays the loop only reads (buffer_at buffers one it writes)
import allo
from allo.ir.types import int32
def k(A: int32[10]):
    for i in range(8):
        A[i + 1] = A[i] + A[i + 2]
s = allo.customize(k)
s.reuse_at(s.A, "i")
