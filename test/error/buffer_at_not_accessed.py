# expect: buffer_at_not_accessed.py:10:3: error: buffer_at(B, "i"): nothing inside loop 'i' accesses 'B'; buffer it at a loop whose body uses it
import allo
from allo.ir.types import int32
def k(A: int32[4], B: int32[4]):
    for i in range(4):
        A[i] = i
    for j in range(4):
        B[j] = j
s = allo.customize(k)
s.buffer_at(s.B, "i")
