# expect: dataflow_unknown_target.py:9:3: error: dataflow takes a function, a band or a loop; the module has no function 'x' (its functions are k), and function 'k' has no loop 'x'; its loops are i (band S_i_0)
# why: dataflow names a kernel, a band or a loop
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
        A[i] = 0
s = allo.customize(k)
s.dataflow("x")
