# PolyBench/C 4.2.1 jacobi-2d: TSTEPS x (B = 5-point average of A; A = 5-point average of B).
#   polyallo run bench/polybench/jacobi-2d.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
TSTEPS = (20, 40, 100, 500, 1000)[SIZE]
N = (30, 90, 250, 1300, 2800)[SIZE]
POLYBENCH_DUMP = ("A",)


def init_array(A: DTYPE[N, N], B: DTYPE[N, N]):
    for i, j in allo.grid(N, N):
        A[i, j] = (DTYPE(i) * DTYPE(j + 2) + DTYPE(2)) / DTYPE(N)
        B[i, j] = (DTYPE(i) * DTYPE(j + 3) + DTYPE(3)) / DTYPE(N)


def kernel_jacobi_2d[T: (float32, float64)](A: "T[N, N]", B: "T[N, N]"):
    for t in range(TSTEPS):
        for i in range(1, N - 1, name="sweep_B"):
            for j in range(1, N - 1):
                B[i, j] = 0.2 * (A[i, j] + A[i, j - 1] + A[i, 1 + j] + A[1 + i, j] + A[i - 1, j])
        for i in range(1, N - 1, name="sweep_A"):
            for j in range(1, N - 1):
                A[i, j] = 0.2 * (B[i, j] + B[i, j - 1] + B[i, 1 + j] + B[1 + i, j] + B[i - 1, j])


# Allo: per sweep a line buffer (reuse along i) and a window buffer (reuse along j), both
# completely partitioned, A and B completely partitioned along dim 2, and i pipelined (so j
# is unrolled). The same here on PolyBench's single kernel; the buffers are refilled at the
# first i of every time step, after the other sweep rewrote the array.
s = allo.customize(kernel_jacobi_2d, instantiate=[DTYPE])
LA = s.reuse_at(s.A, "sweep_B:i")
WA = s.reuse_at(LA, "sweep_B:j")
LB = s.reuse_at(s.B, "sweep_A:i")
WB = s.reuse_at(LB, "sweep_A:j")
s.partition(LA, dim=0)
s.partition(WA, dim=0)
s.partition(LB, dim=0)
s.partition(WB, dim=0)
s.partition(s.A, dim=2)
s.partition(s.B, dim=2)
s.pipeline("sweep_B:i")
s.pipeline("sweep_A:i")
