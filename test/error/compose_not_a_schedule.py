# expect: compose_not_a_schedule.py:9:3: error: compose takes the schedule of another kernel (the result of allo.customize), not an integer 1
# why: compose takes the schedule of another kernel
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.compose(1)
