# expect: meta_if_arity.py:6:10: error: allo.meta_if / meta_elif take one condition
# why: meta_if takes one condition
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    with allo.meta_if(1, 2):
        pass
