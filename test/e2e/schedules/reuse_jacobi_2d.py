# PolyBench jacobi-2d: in each sweep of the time loop, a line buffer (reuse
# along i) and a window buffer (reuse along j) for the array the sweep reads,
# partitioned so a pipelined j reads its five points at once. The buffers are
# refilled at the first i of every time step, after the other sweep wrote
# the array.
import allo
from allo.ir.types import float32

TSTEPS, N = 3, 10


def jacobi_2d(A: float32[N, N], B: float32[N, N]):
    for t in range(TSTEPS):
        for i, j in allo.grid(N - 2, N - 2, name="sweep_B"):
            B[i + 1, j + 1] = 0.2 * (A[i + 1, j + 1] + A[i + 1, j] + A[i + 1, j + 2] +
                                     A[i + 2, j + 1] + A[i, j + 1])
        for i, j in allo.grid(N - 2, N - 2, name="sweep_A"):
            A[i + 1, j + 1] = 0.2 * (B[i + 1, j + 1] + B[i + 1, j] + B[i + 1, j + 2] +
                                     B[i + 2, j + 1] + B[i, j + 1])


s = allo.customize(jacobi_2d)
LA = s.reuse_at(s.A, "sweep_B:i")
WA = s.reuse_at(LA, "sweep_B:j")
LB = s.reuse_at(s.B, "sweep_A:i")
WB = s.reuse_at(LB, "sweep_A:j")
s.partition(LA, dim=1)
s.partition(WA)
s.partition(LB, dim=1)
s.partition(WB)
s.pipeline("sweep_B:j")
s.pipeline("sweep_A:j")
