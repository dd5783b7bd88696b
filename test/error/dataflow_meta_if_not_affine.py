# expect: dataflow_meta_if_not_affine.py:11:27: error: the condition of meta_if in kernel 'k' must be affine in the df.get_pid() values (comparisons of sums and constant multiples, and, or, not, 'in' a constant set); got 'i * i == 4'
# why: a meta_if condition over the PE coordinates is affine
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[4], args=[A])
    def k(A: int32[4]):
        i = df.get_pid()
        with allo.meta_if(i * i == 4):
            A[i] = 0
