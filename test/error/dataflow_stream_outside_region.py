# expect: dataflow_stream_outside_region.py:7:1: error: stream 'fifo' is declared at the top level of the file; streams are declared in the body of a @df.region() function, before its kernels
# why: streams are declared in the body of a @df.region() function
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

fifo: Stream[int32, 2]
def k(A: int32[4]):
    pass
