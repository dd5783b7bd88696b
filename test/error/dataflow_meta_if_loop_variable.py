# expect: dataflow_meta_if_loop_variable.py:12:31: error: the condition of meta_if in kernel 'k' uses loop variable 't'; meta_if conditions are compile-time constants or depend only on the kernel's df.get_pid() values
# why: a meta_if condition inside a @df.kernel uses no loop variable but the PE coordinates
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[4], args=[A])
    def k(A: int32[4]):
        i = df.get_pid()
        for t in range(4):
            with allo.meta_if(t == i):
                A[i] = t
