# expect: primitive_loop_not_a_name.py:9:3: error: split: 'axis' takes a loop name such as "i" or "func:i", not an integer 1
# why: a primitive's loop argument is a loop name (a string)
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.split(1, 4)
