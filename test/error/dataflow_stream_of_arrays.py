# expect: dataflow_stream_of_arrays.py:8:18: error: not implemented yet: stream 'fifo' of arrays; a FIFO carries scalars (put and get the elements one by one)
# why: FIFOs carry scalars (streams of arrays: not yet)
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    fifo: Stream[int32[4], 2]
    @df.kernel(mapping=[1], args=[A])
    def k(A: int32[4]):
        pass
