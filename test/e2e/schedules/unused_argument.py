# A kernel that does not use one of its arguments: its HLS C++ still compiles
# with -Wall -Wextra -Werror.
import allo
from allo.ir.types import int32
def kernel(A: int32[4], B: int32[4]) -> int32[4]:
    C: int32[4] = 0
    for i in range(4):
        C[i] = A[i] + 1
    return C
s = allo.customize(kernel)
s.pipeline("i")
