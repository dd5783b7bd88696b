# expect: assign_loop_variable.py:6:9: error: cannot assign to 'i': it is a loop variable bound at assign_loop_variable.py:5:9
# why: loop variables are read-only
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        i = 2
