# expect: dataflow_kernel_parameter_type.py:9:11: error: parameter 'A' of kernel 'k' is int32[8] but it is bound to 'A' of region 'top', which is int32[4]; the types and shapes must match
# why: a kernel parameter has the type and shape of the region array bound to it
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[1], args=[A])
    def k(A: int32[8]):
        pass
