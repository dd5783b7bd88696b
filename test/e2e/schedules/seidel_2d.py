# PolyBench seidel-2d with a legal schedule: the time loop stays outermost
# and the inner loops are only split and pipelined (Allo's schedule pipelines
# the innermost loop; reordering i and j is illegal, see
# test/error/reorder_seidel.py).
import allo
from allo.ir.types import float32

TSTEPS, N = 4, 12


def kernel_seidel_2d(A: float32[N, N]):
    for t in range(TSTEPS):
        for i in range(1, N - 1):
            for j in range(1, N - 1):
                A[i, j] = (A[i - 1, j - 1] + A[i - 1, j] + A[i - 1, j + 1] + A[i, j - 1] + A[i, j] + A[i, j + 1] + A[i + 1, j - 1] + A[i + 1, j] + A[i + 1, j + 1]) / 9.0


s = allo.customize(kernel_seidel_2d)
s.split("j", 4)
s.pipeline("j.inner")
