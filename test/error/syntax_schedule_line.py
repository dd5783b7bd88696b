# expect: syntax_schedule_line.py:9:9: error: star arguments (*args, **kwargs) are not supported; pass each argument by itself
# why: a top-level line that uses a schedule must be in the accepted subset
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.split(*["i", 2])
