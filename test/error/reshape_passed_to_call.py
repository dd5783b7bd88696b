# expect: reshape_passed_to_call.py:14:3: error: reshape(T, (2, 4)): 'T' is passed to 'inc' at reshape_passed_to_call.py:10:5; the callee's parameter would keep the shape int32[8] while the array gets (2, 4); reshape an array no call passes (a local copy, for instance)
# why: an array passed to a call keeps its shape (the callee's parameter would disagree)
import allo
from allo.ir.types import int32
def inc(X: int32[8]):
    for i in range(8):
        X[i] += 1
def top(A: int32[8]):
    T: int32[8] = 0
    inc(T)
    for i in range(8):
        A[i] = T[i]
s = allo.customize(top)
s.reshape(s.T, (2, 4))
