# expect: build_hls_project_not_a_name.py:8:9: error: build: project= takes a folder name, e.g. project="gemm.prj", not 3
# why: build's project= names a folder
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(k)
mod = s.build(target="vhls", project=3)
