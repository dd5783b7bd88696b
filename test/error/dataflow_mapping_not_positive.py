# expect: dataflow_mapping_not_positive.py:8:24: error: mapping= lists the positive number of processing elements per dimension (at most 8 dimensions), e.g. mapping=[2, 2]; got [0]
# why: mapping= lists positive numbers of PEs
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    @df.kernel(mapping=[0], args=[A])
    def k(A: int32[4]):
        pass
