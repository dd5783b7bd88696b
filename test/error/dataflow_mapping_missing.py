# expect: dataflow_mapping_missing.py:8:6: error: @df.kernel 'k' needs mapping=[...], the number of processing elements per dimension (mapping=[1] for one)
# why: @df.kernel gives its processing-element grid with mapping=[...]
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(args=[A])
    def k(A: int32[4]):
        pass
