# expect: build_target_unknown.py:8:7: error: build target "fpga" is unknown; the targets are "llvm" (CPU simulation), "vhls", "vitis_hls"
# why: build targets are llvm, vhls, vitis_hls
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(k)
mod = s.build(target="fpga")
