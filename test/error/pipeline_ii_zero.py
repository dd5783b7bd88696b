# expect: ?
# why: a pipeline's initiation interval is a positive number of cycles
import allo
from allo.ir.types import int32
def k(A: int32[8]):
    for i in range(8):
        A[i] = 0
s = allo.customize(k)
s.pipeline("i", initiation_interval=0)
