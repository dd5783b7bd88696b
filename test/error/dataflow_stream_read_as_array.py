# expect: dataflow_stream_read_as_array.py:13:16: error: 'fifo' is a stream (Stream[int32, 2][4]), not an array: take a value out of it with fifo[...].get()
# why: a stream is read with .get(), which pops one element
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

@df.region()
def top(B: int32[4]):
    fifo: Stream[int32, 2][4]
    @df.kernel(mapping=[4], args=[B])
    def k(B: int32[4]):
        i = df.get_pid()
        B[i] = fifo[i] + 1
