# expect: ?
# why: a step that breaks a dependence is refused (seidel-2d: i and j do not interchange)
import allo
from allo.ir.types import float32
def kernel_seidel_2d(A: float32[12, 12]):
    for t in range(4):
        for i in range(1, 11):
            for j in range(1, 11):
                A[i, j] = (A[i - 1, j - 1] + A[i - 1, j] + A[i - 1, j + 1] + A[i, j - 1] + A[i, j] + A[i, j + 1] + A[i + 1, j - 1] + A[i + 1, j] + A[i + 1, j + 1]) / 9.0
s = allo.customize(kernel_seidel_2d)
s.reorder("j", "i")
