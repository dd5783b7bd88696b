# expect: init_array_type_mismatch.py:6:16: error: init_array initialises 'A' as float32[4], but kernel 'kernel' takes it as float64[4]; declare both with the same element type and shape
# why: the arrays init_array leaves must have the kernel's types and shapes
from allo.ir.types import float32, float64
import allo

def init_array(A: float32[4]):
    for i in range(4):
        A[i] = float32(i)

def kernel(A: float64[4], y: float64[4]):
    for i in range(4):
        y[i] = A[i] * 2.0

s = allo.customize(kernel)
