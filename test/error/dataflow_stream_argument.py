# expect: dataflow_stream_argument.py:13:11: error: argument 1 of 'f' is stream 'fifo'; kernels take arrays and scalars, a stream is used only by the @df.kernel functions of its region
# why: streams are not passed to kernel calls
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
def f(X: int32[4]):
    pass
@df.region()
def top(A: int32[4]):
    fifo: Stream[int32, 2][4]
    @df.kernel(mapping=[1], args=[A])
    def k(A: int32[4]):
        f(fifo)
