# expect: recursion.py:5:5: error: kernel 'f' calls itself (directly or through other kernels); recursion is not supported
# why: no recursion
from allo.ir.types import int32
def f(A: int32[4]):
    f(A)
