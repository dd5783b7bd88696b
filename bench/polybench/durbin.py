# PolyBench/C 4.2.1 durbin: Levinson-Durbin recursion, solve the Toeplitz system for y from r.
#   polyallo run bench/polybench/durbin.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
N = (40, 120, 400, 2000, 4000)[SIZE]
POLYBENCH_DUMP = ("y",)


def init_array(r: DTYPE[N]):
    for i in range(N):
        r[i] = DTYPE(N + 1 - i)


def kernel_durbin[T: (float32, float64)](r: "T[N]", y: "T[N]"):
    z: T[N]
    alpha: T = 0.0
    beta: T = 0.0
    sum: T = 0.0
    y[0] = -r[0]
    beta = 1.0
    alpha = -r[0]
    for k in range(1, N):
        beta = (1.0 - alpha * alpha) * beta
        sum = 0.0
        for i in range(k, name="dot"):
            sum += r[k - i - 1] * y[i]
        alpha = -(r[k] + sum) / beta
        for i in range(k, name="update"):
            z[i] = y[i] + alpha * y[k - i - 1]
        for i in range(k, name="copy"):
            y[i] = z[i]
        y[k] = alpha


s = allo.customize(kernel_durbin, instantiate=[DTYPE])
s.pipeline("dot:i")
s.pipeline("update:i")
s.pipeline("copy:i")
