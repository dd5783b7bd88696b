import allo
from allo.ir.types import int32

def k(A: int32[4]:
    A[0] = "unterminated
    A[1] = 1 +* 2
    A[2] = ]
    x = 3.e
    @@
