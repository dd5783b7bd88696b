# expect: syntax_walrus.py:5:15: error: assignment expressions (:=) are not supported; use a separate assignment
# why: no assignment expressions
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = (x := 1)
