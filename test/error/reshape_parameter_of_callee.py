# expect: reshape_parameter_of_callee.py:11:3: error: reshape(X, (2, 4)): 'X' is a parameter of 'inc', which 'top' calls at reshape_parameter_of_callee.py:9:5; the caller's argument would keep the shape int32[8] while the parameter gets (2, 4); reshape a parameter only of a function nothing calls (the top)
# why: a parameter of a called function keeps its shape (the caller's argument would disagree)
import allo
from allo.ir.types import int32
def inc(X: int32[8]):
    for i in range(8):
        X[i] += 1
def top(A: int32[8]):
    inc(A)
s = allo.customize(top)
s.reshape("inc:X", (2, 4))
