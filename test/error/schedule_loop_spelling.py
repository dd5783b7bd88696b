# expect: schedule_loop_spelling.py:9:3: error: 'a:b:c:d' is not a loop name; write "i", "func:i", "band:i" or "func:band:i"
# why: a loop is spelled "i", "func:i", "band:i" or "func:band:i"
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.split("a:b:c:d", 2)
