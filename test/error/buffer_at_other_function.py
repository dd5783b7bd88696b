# expect: buffer_at_other_function.py:12:3: error: buffer_at: the array 'f:X' and the loop 'i' belong to different functions; name a loop of the array's function
import allo
from allo.ir.types import int32
def f(X: int32[4]):
    for j in range(4):
        X[j] += 1
def k(A: int32[4]):
    for i in range(4):
        A[i] = i
    f(A)
s = allo.customize(k)
s.buffer_at("f:X", "i")
