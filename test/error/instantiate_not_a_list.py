# expect: instantiate_not_a_list.py:7:5: error: instantiate= takes a list of template arguments, e.g. instantiate=[float32, 16]
# why: instantiate= takes a list
import allo
from allo.ir.types import int32
def k[N: int32](A: int32[N]):
    pass
s = allo.customize(k, instantiate=4)
