# expect: dataflow_get_not_stream.py:12:21: error: .get() is a method of streams, but 'A' is an array (int32[4]); read it instead: A[...]
# why: .get() is a method of streams
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

@df.region()
def top(A: int32[4], B: int32[4]):
    @df.kernel(mapping=[4], args=[A, B])
    def k(A: int32[4], B: int32[4]):
        i = df.get_pid()
        B[i] = A[i].get()
