# expect: dataflow_kernel_args_count.py:8:34: error: kernel 'k' has 1 parameter(s) but args= lists 2 array(s); args= binds the parameters by position
# why: args= lists one region array per kernel parameter
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4], B: int32[4]):
    @df.kernel(mapping=[1], args=[A, B])
    def k(A: int32[4]):
        pass
