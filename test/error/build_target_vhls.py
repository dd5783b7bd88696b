# expect: build_target_vhls.py:8:7: error: not implemented yet: build(target="vhls")
# why: the HLS backends arrive later
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(k)
mod = s.build(target="vhls")
