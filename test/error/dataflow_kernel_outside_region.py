# expect: dataflow_kernel_outside_region.py:6:2: error: @df.kernel 'k' is outside a dataflow region; define it in the body of a @df.region() function, next to the streams it uses
# why: a @df.kernel is defined in the body of a @df.region() function
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.kernel(mapping=[1])
def k(A: int32[4]):
    pass
