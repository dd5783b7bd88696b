# expect: reuse_at_backwards.py:8:3: error: reuse_at(A, "i"): the window of 'A' moves backwards (by 1 element(s)) as 'i' advances; reuse_at follows a window that moves forwards
import allo
from allo.ir.types import int32
def k(A: int32[8], B: int32[6]):
    for i in range(6):
        B[i] = A[7 - i] + A[6 - i]
s = allo.customize(k)
s.reuse_at(s.A, "i")
