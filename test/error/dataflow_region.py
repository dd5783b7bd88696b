# expect: dataflow_region.py:6:2: error: not implemented yet: dataflow regions and kernels (@df.region)
# why: dataflow regions arrive later
import allo
from allo.ir.types import int32
import allo.dataflow as df
@df.region()
def top(A: int32[4]):
    pass
