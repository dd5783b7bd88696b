# expect: dataflow_region_statement.py:8:5: error: the body of region 'top' holds stream declarations ('fifo: Stream[float32, 4][P0, P1]') and @df.kernel functions; move this statement into a kernel
# why: a region holds stream declarations and kernels only
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    A[0] = 1
