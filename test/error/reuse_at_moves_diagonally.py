# expect: reuse_at_moves_diagonally.py:8:3: error: reuse_at(A, "i"): the elements of 'A' one iteration of 'i' reads move along 2 of its dimensions at once; reuse_at shifts a window along one dimension
import allo
from allo.ir.types import int32
def k(A: int32[8, 8], B: int32[6]):
    for i in range(6):
        B[i] = A[i, i] + A[i + 1, i + 1] + A[i + 2, i + 2]
s = allo.customize(k)
s.reuse_at(s.A, "i")
