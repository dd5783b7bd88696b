# expect: init_array_unknown_param.py:6:31: error: init_array initialises 'B', which is no parameter of kernel 'kernel' (its parameters are A, y); name init_array's parameters like the kernel's
# why: init_array hands its arrays to the kernel by parameter name
from allo.ir.types import float64
import allo

def init_array(A: float64[4], B: float64[4]):
    for i in range(4):
        A[i] = float64(i)
        B[i] = float64(i)

def kernel(A: float64[4], y: float64[4]):
    for i in range(4):
        y[i] = A[i] * 2.0

s = allo.customize(kernel)
