# expect: call_arity.py:7:5: error: kernel 'add' takes 1 argument(s) (A: int32[4]), got 2
# why: a kernel call passes one argument per parameter
from allo.ir.types import int32
def add(A: int32[4]):
    pass
def top(B: int32[4]):
    add(B, B)
