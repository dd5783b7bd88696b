# Loops with a step: split and unroll count iterations (1, 4, ..., 28 is 10 of
# them), and fuse coalesces the nest below.
import allo
from allo.ir.types import int32
def k(A: int32[32], B: int32[8, 10]):
    for i in range(1, 31, 3):
        A[i] = A[i - 1] + i
    for p, q in allo.grid(8, 10):
        B[p, q] = p * q
s = allo.customize(k)
s.split("i", 4)
s.unroll("i.inner", 4)
s.fuse("p", "q")
