# expect: unknown_function.py:5:12: error: unknown function 'foo' inside a kernel; kernels can call the kernels of this file, min, max, abs, float, int, allo.exp, log, log2, log10, sqrt, sin, cos, tan, tanh, power, and a type to convert (int8(x))
# why: kernels call kernels of the file and the listed builtins
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = foo(A[1])
