# expect: unknown_kernel_instantiation.py:7:20: error: name 'g' is not defined; the kernels of this file are k; the module constants are none
# why: allo.customize names a kernel of the file
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    pass
s = allo.customize(g)
