# expect: reorder_seidel.py:11:3: error: reorder("j", "i") is illegal in function 'kernel_seidel_2d': it breaks the flow dependence S0[0, 1, 10] -> S0[0, 2, 9] on A[1, 10]: the schedule runs S0[0, 2, 9] at or before S0[0, 1, 10]; the schedule is unchanged
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
