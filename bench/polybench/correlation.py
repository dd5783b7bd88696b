# PolyBench/C 4.2.1 correlation: corr = correlation matrix of the columns of data (N x M).
#   polyallo run bench/polybench/correlation.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (28, 80, 240, 1200, 2600)[SIZE]
N = (32, 100, 260, 1400, 3000)[SIZE]
FLOAT_N = N * 1.0
EPS = 0.1
POLYBENCH_DUMP = ("corr",)


def init_array(data: DTYPE[N, M]):
    for i, j in allo.grid(N, M):
        data[i, j] = DTYPE(i * j) / DTYPE(M) + DTYPE(i)


def kernel_correlation[T: (float32, float64)](
    data: "T[N, M]", corr: "T[M, M]", mean: "T[M]", stddev: "T[M]"
):
    for j in range(M, name="mean"):
        mean[j] = 0.0
        for i in range(N):
            mean[j] += data[i, j]
        mean[j] /= FLOAT_N
    for j in range(M, name="std"):
        stddev[j] = 0.0
        for i in range(N):
            stddev[j] += (data[i, j] - mean[j]) * (data[i, j] - mean[j])
        stddev[j] /= FLOAT_N
        stddev[j] = allo.sqrt(stddev[j])
        # Near-zero standard deviations would divide by zero below.
        stddev[j] = 1.0 if stddev[j] <= EPS else stddev[j]
    # Center and reduce the column vectors.
    for i, j in allo.grid(N, M, name="center"):
        data[i, j] -= mean[j]
        data[i, j] /= allo.sqrt(T(FLOAT_N)) * stddev[j]
    # The M x M correlation matrix.
    for i in range(M - 1):
        corr[i, i] = 1.0
        for j in range(i + 1, M, name="pairs"):
            corr[i, j] = 0.0
            for k in range(N):
                corr[i, j] += data[k, i] * data[k, j]
            corr[j, i] = corr[i, j]
    corr[M - 1, M - 1] = 1.0


# Allo: column sums pipelined, centering by rows; ours: the same II=1 sums, centering and corr by columns.
s = allo.customize(kernel_correlation, instantiate=[DTYPE])
s.pipeline("mean:j")
s.pipeline("std:j")
s.reorder("center:j", "center:i")
s.pipeline("center:j")
s.pipeline("pairs:j")
s.partition(s.data, dim=1)
s.partition(s.corr, dim=1)
