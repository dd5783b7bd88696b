# expect: dataflow_get_pid_outside_kernel.py:7:9: error: df.get_pid() is called in kernel 'k', which is not a @df.kernel; it gives the coordinates of a processing element of a @df.kernel in a @df.region() function
# why: df.get_pid() is called inside a @df.kernel
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
def k(A: int32[4]):
    i = df.get_pid()
    A[i] = 1
