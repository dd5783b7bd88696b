# expect: syntax_imaginary_literal.py:5:12: error: imaginary literals are not supported
# why: no complex numbers
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 3j
