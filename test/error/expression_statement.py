# expect: expression_statement.py:5:5: error: this expression statement has no effect inside a kernel: 'A[0] + 1'; statements are assignments, loops, ifs and calls of kernels
# why: a statement has an effect
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] + 1
