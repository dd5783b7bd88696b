# expect: dataflow_put_not_stream.py:12:14: error: .put() is a method of streams, but 'A' is an array (int32[4]); assign to it instead: A[...] = v
# why: .put() is a method of streams
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[4], args=[A])
    def k(A: int32[4]):
        i = df.get_pid()
        A[i].put(1)
