# expect: math_arity.py:6:12: error: allo.exp() takes 1 argument(s), got 2
# why: allo.exp and friends take one argument
import allo
from allo.ir.types import float32
def k(A: float32[4]):
    A[0] = allo.exp(A[1], A[2])
