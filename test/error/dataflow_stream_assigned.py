# expect: dataflow_stream_assigned.py:13:9: error: 'fifo' is a stream (Stream[int32, 2][4]), not an array: put a value into it with fifo[...].put(v)
# why: a stream is written with .put(v), which pushes one element
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

@df.region()
def top(A: int32[4]):
    fifo: Stream[int32, 2][4]
    @df.kernel(mapping=[4], args=[A])
    def k(A: int32[4]):
        i = df.get_pid()
        fifo[i] = A[i]
