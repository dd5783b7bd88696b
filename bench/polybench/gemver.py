# PolyBench/C 4.2.1 gemver: A += u1 v1^T + u2 v2^T; x += beta A^T y + z; w += alpha A x.
#   polyallo run bench/polybench/gemver.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (40, 120, 400, 2000, 4000)[SIZE]
ALPHA = 1.5
BETA = 1.2
POLYBENCH_DUMP = ("w",)


def init_array(
    A: DTYPE[N, N],
    u1: DTYPE[N],
    v1: DTYPE[N],
    u2: DTYPE[N],
    v2: DTYPE[N],
    w: DTYPE[N],
    x: DTYPE[N],
    y: DTYPE[N],
    z: DTYPE[N],
):
    # C divides the DATA_TYPE quotient by a double literal (2.0, 4.0, ...): in double.
    for i in range(N):
        u1[i] = DTYPE(i)
        u2[i] = DTYPE(float64(DTYPE(i + 1) / DTYPE(N)) / 2.0)
        v1[i] = DTYPE(float64(DTYPE(i + 1) / DTYPE(N)) / 4.0)
        v2[i] = DTYPE(float64(DTYPE(i + 1) / DTYPE(N)) / 6.0)
        y[i] = DTYPE(float64(DTYPE(i + 1) / DTYPE(N)) / 8.0)
        z[i] = DTYPE(float64(DTYPE(i + 1) / DTYPE(N)) / 9.0)
        x[i] = 0.0
        w[i] = 0.0
        for j in range(N):
            A[i, j] = DTYPE(i * j % N) / DTYPE(N)


def kernel_gemver[T: (float32, float64)](
    A: "T[N, N]",
    u1: "T[N]",
    v1: "T[N]",
    u2: "T[N]",
    v2: "T[N]",
    w: "T[N]",
    x: "T[N]",
    y: "T[N]",
    z: "T[N]",
):
    for i, j in allo.grid(N, N, name="rank2"):
        A[i, j] = A[i, j] + u1[i] * v1[j] + u2[i] * v2[j]
    for i, j in allo.grid(N, N, name="atx"):
        x[i] = x[i] + BETA * A[j, i] * y[j]
    for i in range(N, name="addz"):
        x[i] = x[i] + z[i]
    for i, j in allo.grid(N, N, name="ax"):
        w[i] = w[i] + ALPHA * A[i, j] * x[j]


# Baseline: every innermost loop pipelined.
s = allo.customize(kernel_gemver, instantiate=[DTYPE])
s.pipeline("rank2:j")
s.pipeline("atx:j")
s.pipeline("addz:i")
s.pipeline("ax:j")
