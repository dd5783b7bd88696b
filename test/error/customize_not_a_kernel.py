# expect: customize_not_a_kernel.py:8:5: error: allo.customize takes one kernel of this file; the kernels are k
# why: allo.customize takes one kernel of the file
import allo
from allo.ir.types import int32
M = 4
def k(A: int32[4]):
    pass
s = allo.customize(M)
