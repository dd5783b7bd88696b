# expect: meta_for_without_as.py:6:5: error: meta_for needs a name for its variable: 'with allo.meta_for(N) as i:'
# why: meta_for names its variable with 'as'
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    with allo.meta_for(4):
        pass
