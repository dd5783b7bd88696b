# expect: buffer_at_data_dependent.py:8:3: error: buffer_at(A, "i"): a subscript of 'A' at buffer_at_data_dependent.py:6:9 depends on data, so its footprint is unknown; buffer_at needs affine subscripts
import allo
from allo.ir.types import int32
def k(A: int32[4], P: int32[4], B: int32[4]):
    for i in range(4):
        B[i] = A[P[i] % 4]
s = allo.customize(k)
s.buffer_at(s.A, "i")
