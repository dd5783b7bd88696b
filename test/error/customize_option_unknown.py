# expect: customize_option_unknown.py:7:5: error: allo.customize has no option 'lower'; polyallo accepts instantiate=[...]
# why: allo.customize accepts instantiate=
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(k, lower=True)
