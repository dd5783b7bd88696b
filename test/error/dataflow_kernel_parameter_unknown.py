# expect: dataflow_kernel_parameter_unknown.py:9:11: error: parameter 'X' of kernel 'k' names no array of region 'top' (its parameters: A); name one of them or bind the parameters by position with args=[...]
# why: without args=, a kernel parameter names a parameter of its region
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[1])
    def k(X: int32[4]):
        pass
