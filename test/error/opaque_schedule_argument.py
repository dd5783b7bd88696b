# expect: opaque_schedule_argument.py:11:1: error: <result of np.int32(...)> is not known to the schedule script; schedule arguments are constants, strings, lists and schedule handles
# why: schedule arguments are constants, strings, lists and handles
import allo
from allo.ir.types import int32
import numpy as np
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
f = np.int32(2)
s.unroll("i", f)
