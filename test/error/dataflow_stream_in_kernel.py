# expect: dataflow_stream_in_kernel.py:10:9: error: stream 'fifo' is declared inside @df.kernel 'k'; declare it in the body of region 'top' (before its kernels) and use it from the kernel
# why: a kernel uses its region's streams; it does not declare its own
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[1], args=[A])
    def k(A: int32[4]):
        fifo: Stream[int32, 2]
