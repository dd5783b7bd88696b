# PolyBench/C 4.2.1 adi: TSTEPS of alternating-direction implicit solves (column sweep, row sweep).
#   polyallo run bench/polybench/adi.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
TSTEPS = (20, 40, 100, 500, 1000)[SIZE]
N = (20, 60, 200, 1000, 2000)[SIZE]
POLYBENCH_DUMP = ("u",)


def init_array(u: DTYPE[N, N]):
    for i, j in allo.grid(N, N):
        u[i, j] = DTYPE(i + N - j) / DTYPE(N)


# PolyBench's backward loops (j from N-2 down to 1) run as jr = 1 .. N-2 with j = N-1-jr.
def kernel_adi[T: (float32, float64)](u: "T[N, N]", v: "T[N, N]", p: "T[N, N]", q: "T[N, N]"):
    DX: T = 1.0 / T(N)
    DY: T = 1.0 / T(N)
    DT: T = 1.0 / T(TSTEPS)
    B1: T = 2.0
    B2: T = 1.0
    mul1: T = B1 * DT / (DX * DX)
    mul2: T = B2 * DT / (DY * DY)
    a: T = -mul1 / 2.0
    b: T = 1.0 + mul1
    c: T = a
    d: T = -mul2 / 2.0
    e: T = 1.0 + mul2
    f: T = d
    for t in range(1, TSTEPS + 1):
        # column sweep
        for i in range(1, N - 1):
            v[0, i] = 1.0
            p[i, 0] = 0.0
            q[i, 0] = v[0, i]
            for j in range(1, N - 1, name="col_fwd"):
                p[i, j] = -c / (a * p[i, j - 1] + b)
                q[i, j] = (-d * u[j, i - 1] + (1.0 + 2.0 * d) * u[j, i] - f * u[j, i + 1]
                           - a * q[i, j - 1]) / (a * p[i, j - 1] + b)
            v[N - 1, i] = 1.0
            for jr in range(1, N - 1, name="col_bwd"):
                v[N - 1 - jr, i] = p[i, N - 1 - jr] * v[N - jr, i] + q[i, N - 1 - jr]
        # row sweep
        for i in range(1, N - 1):
            u[i, 0] = 1.0
            p[i, 0] = 0.0
            q[i, 0] = u[i, 0]
            for j in range(1, N - 1, name="row_fwd"):
                p[i, j] = -f / (d * p[i, j - 1] + e)
                q[i, j] = (-a * v[i - 1, j] + (1.0 + 2.0 * a) * v[i, j] - c * v[i + 1, j]
                           - d * q[i, j - 1]) / (d * p[i, j - 1] + e)
            u[i, N - 1] = 1.0
            for jr in range(1, N - 1, name="row_bwd"):
                u[i, N - 1 - jr] = p[i, N - 1 - jr] * u[i, N - jr] + q[i, N - 1 - jr]


s = allo.customize(kernel_adi, instantiate=[DTYPE])
s.pipeline("col_fwd:j")
s.pipeline("col_bwd:jr")
s.pipeline("row_fwd:j")
s.pipeline("row_bwd:jr")
