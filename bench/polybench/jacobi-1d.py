# PolyBench/C 4.2.1 jacobi-1d: TSTEPS x (B = 3-point average of A; A = 3-point average of B).
#   polyallo run bench/polybench/jacobi-1d.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
TSTEPS = (20, 40, 100, 500, 1000)[SIZE]
N = (30, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = ("A",)


def init_array(A: DTYPE[N], B: DTYPE[N]):
    for i in range(N):
        A[i] = (DTYPE(i) + DTYPE(2)) / DTYPE(N)
        B[i] = (DTYPE(i) + DTYPE(3)) / DTYPE(N)


# PolyBench writes the bare double constant 0.33333 (no SCALAR_VAL): with float data C
# adds in float and multiplies in double, hence the float64(...) and T(...) below.
def kernel_jacobi_1d[T: (float32, float64)](A: "T[N]", B: "T[N]"):
    for t in range(TSTEPS):
        for i in range(1, N - 1, name="sweep_B"):
            B[i] = T(0.33333 * float64(A[i - 1] + A[i] + A[i + 1]))
        for i in range(1, N - 1, name="sweep_A"):
            A[i] = T(0.33333 * float64(B[i - 1] + B[i] + B[i + 1]))


s = allo.customize(kernel_jacobi_1d, instantiate=[DTYPE])
s.pipeline("sweep_B:i")
s.pipeline("sweep_A:i")
