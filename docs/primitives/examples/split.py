# split: strip-mine a loop into .outer / .inner. 10 is not a multiple of 4,
# so the inner loop keeps 4 iterations and its body runs under a guard.
import allo
from allo.ir.types import int32

N = 10


def scale(A: int32[N], B: int32[N]):
    for i in range(N):
        B[i] = A[i] * 2


s = allo.customize(scale)
s.split("i", 4)
