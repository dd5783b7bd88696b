# expect: buffer_at_passed_to_call.py:11:3: error: buffer_at(A, "i"): 'A' is passed to 'inc' inside the loop, and the callee cannot see the buffer; buffer it inside 'inc' instead
import allo
from allo.ir.types import int32
def inc(X: int32[4]):
    for j in range(4):
        X[j] += 1
def k(A: int32[4]):
    for i in range(2):
        inc(A)
s = allo.customize(k)
s.buffer_at(s.A, "i")
