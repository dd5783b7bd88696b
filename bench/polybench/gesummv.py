# PolyBench/C 4.2.1 gesummv: y = alpha * A x + beta * B x.
#   polyallo run bench/polybench/gesummv.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (30, 90, 250, 1300, 2800)[SIZE]
ALPHA = 1.5
BETA = 1.2
POLYBENCH_DUMP = ("y",)


def init_array(A: DTYPE[N, N], B: DTYPE[N, N], x: DTYPE[N]):
    for i in range(N):
        x[i] = DTYPE(i % N) / DTYPE(N)
        for j in range(N):
            A[i, j] = DTYPE((i * j + 1) % N) / DTYPE(N)
            B[i, j] = DTYPE((i * j + 2) % N) / DTYPE(N)


def kernel_gesummv[T: (float32, float64)](
    A: "T[N, N]", B: "T[N, N]", tmp: "T[N]", x: "T[N]", y: "T[N]"
):
    for i in range(N):
        tmp[i] = 0.0
        y[i] = 0.0
        for j in range(N):
            tmp[i] = A[i, j] * x[j] + tmp[i]
            y[i] = B[i, j] * x[j] + y[i]
        y[i] = ALPHA * tmp[i] + BETA * y[i]


# Allo: j outward of i, only the final sum pipelined; ours: i pipelined over both j chains (II=1).
s = allo.customize(kernel_gesummv, instantiate=[DTYPE])
s.pipeline("i")
s.partition(s.A, dim=2)
s.partition(s.B, dim=2)
s.partition(s.x, dim=1)
