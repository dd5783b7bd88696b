# expect: pipeline_ii_zero.py:9:3: error: pipeline initiation interval 0 is not a positive cycle count; 1 starts an iteration every cycle
# why: a pipeline's initiation interval is a positive number of cycles
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.pipeline("i", initiation_interval=0)
