# expect: build_hls_mode_unknown.py:8:9: error: build: mode "fpga" is unknown; the modes are "csim", "csyn", "cosim", "impl" (Vitis HLS's csim, csynth, csynth + cosim, csynth + export)
# why: build's mode= is one of Allo's Vitis HLS modes
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(k)
mod = s.build(target="vitis_hls", mode="fpga")
