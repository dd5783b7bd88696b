# expect: dataflow_stream_depth.py:8:48: error: stream 'fifo' has depth 0; a FIFO holds at least 1 element
# why: a FIFO holds at least one element
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    fifo = df.array(df.pipe(dtype=int32, depth=0), shape=(4,))
    @df.kernel(mapping=[1], args=[A])
    def k(A: int32[4]):
        pass
