# expect: dataflow_get_pid_count.py:10:9: error: kernel 'k' has mapping [4]: df.get_pid() gives 1 value(s), one per dimension; got 2 name(s)
# why: df.get_pid() gives one name per dimension of the mapping
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[4], args=[A])
    def k(A: int32[4]):
        i, j = df.get_pid()
