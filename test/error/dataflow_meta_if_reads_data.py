# expect: dataflow_meta_if_reads_data.py:11:27: error: the condition of meta_if in kernel 'k' reads 'A' ('A[i] > 0'); meta_if conditions are compile-time constants or depend only on the kernel's df.get_pid() values
# why: a meta_if condition is a constant or depends only on the PE coordinates (df.get_pid())
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[4], args=[A])
    def k(A: int32[4]):
        i = df.get_pid()
        with allo.meta_if(A[i] > 0):
            A[i] = 0
