# expect: reuse_at_no_overlap.py:8:3: error: reuse_at(A, "i"): one iteration of 'i' reads 2 element(s) along dimension 1 of 'A' and the next starts 2 further, so no element is read twice; buffer_at buffers each iteration's elements
import allo
from allo.ir.types import int32
def k(A: int32[8], B: int32[4]):
    for i in range(4):
        B[i] = A[2 * i] + A[2 * i + 1]
s = allo.customize(k)
s.reuse_at(s.A, "i")
