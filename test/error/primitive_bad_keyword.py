# expect: primitive_bad_keyword.py:9:3: error: pipeline has no parameter 'ii': pipeline(axis, initiation_interval=1, rewind=False)
# why: primitive keywords are Allo's parameter names
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.pipeline("i", ii=2)
