# expect: dataflow_two_producers.py:9:1: error: FIFO s of function 'top' has two producers: PEs 'pe_0' and 'pe_1'; a stream is single-producer single-consumer, give each pair its own FIFO
# why: a FIFO is single-producer single-consumer: a second PE putting into it is refused, naming both
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df


@df.region()
def top(A: int32[4], B: int32[4]):
    s: Stream[int32, 2]

    @df.kernel(mapping=[3], args=[A, B])
    def pe(A: int32[4], B: int32[4]):
        p = df.get_pid()
        with allo.meta_if(p < 2):
            for i in range(2):
                s.put(A[i + 2 * p])
        with allo.meta_else():
            for i in range(4):
                B[i] = s.get()
