# expect: string_as_number.py:5:12: error: '"one"' is not a value a kernel can compute with (numbers, variables, array elements and operations on them)
# why: kernels compute with numbers
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = "one"
