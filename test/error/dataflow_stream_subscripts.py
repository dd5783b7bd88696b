# expect: dataflow_stream_subscripts.py:13:9: error: 'fifo' is Stream[int32, 2][4, 4]: fifo[...].put() takes 2 subscript(s) naming one FIFO, got 1
# why: put and get name one FIFO: one subscript per dimension of the array of streams
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

@df.region()
def top(A: int32[4]):
    fifo: Stream[int32, 2][4, 4]
    @df.kernel(mapping=[4], args=[A])
    def k(A: int32[4]):
        i = df.get_pid()
        fifo[i].put(A[i])
