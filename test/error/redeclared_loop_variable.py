# expect: redeclared_loop_variable.py:6:13: error: loop variable 'i' is already defined at redeclared_loop_variable.py:5:9; Allo does not allow redeclaring a name in a nested block, rename the loop variable
# why: a nested loop does not reuse an enclosing loop's variable
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        for i in range(4):
            A[i] = 0
