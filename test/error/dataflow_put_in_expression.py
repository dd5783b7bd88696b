# expect: dataflow_put_in_expression.py:11:16: error: 'fifo.put(1)' is a statement of its own: a put gives no value
# why: a put is a statement of its own
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    fifo: Stream[int32, 2]
    @df.kernel(mapping=[1], args=[A])
    def k(A: int32[4]):
        A[0] = fifo.put(1)
