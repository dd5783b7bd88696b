# expect: range_option_unknown.py:6:27: error: allo.grid() has no option 'pipline'; it accepts name=, pipeline=, unroll=
# why: loop options are name=, pipeline=, unroll=
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in allo.grid(4, pipline=True):
        A[i] = 0
