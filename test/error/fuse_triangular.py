# expect: fuse_triangular.py:10:3: error: fuse needs loops whose bounds do not depend on each other; 'i', 'j' do not span a rectangle
# why: fused loops have bounds that do not depend on each other
import allo
from allo.ir.types import int32
def k(A: int32[8, 8]):
    for i in range(8):
        for j in range(i, 8):
            A[i, j] = 0
s = allo.customize(k)
s.fuse("i", "j")
