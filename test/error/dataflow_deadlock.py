# expect: dataflow_deadlock.py:11:1: error: dataflow region 'top' deadlocked: pe_0 waits to put on ab (full, depth 2, nothing was ever taken from it); pe_1 waits to put on ba (full, depth 2, nothing was ever taken from it); every PE of the region waits on a FIFO: deepen the FIFOs marked full, or reorder the puts and gets that wait on each other
# why: a FIFO too shallow for a cyclic dependence deadlocks; the CPU simulation reports who waits on which FIFO instead of hanging
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

N = 8


@df.region()
def top(A: int32[N], B: int32[N]):
    ab: Stream[int32, 2]
    ba: Stream[int32, 2]

    @df.kernel(mapping=[2], args=[A, B])
    def pe(A: int32[N], B: int32[N]):
        p = df.get_pid()
        with allo.meta_if(p == 0):
            for i in range(N):
                ab.put(A[i])
            for i in range(N):
                A[i] = ba.get()
        with allo.meta_else():
            for i in range(N):
                ba.put(B[i])
            for i in range(N):
                B[i] = ab.get()
