# PolyBench/C 4.2.1 covariance: cov = (data - mean)^T (data - mean) / (N - 1), data N x M.
#   polyallo run bench/polybench/covariance.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
M = (28, 80, 240, 1200, 2600)[SIZE]
N = (32, 100, 260, 1400, 3000)[SIZE]
FLOAT_N = N * 1.0
POLYBENCH_DUMP = ("cov",)


def init_array(data: DTYPE[N, M]):
    for i, j in allo.grid(N, M):
        data[i, j] = DTYPE(i) * DTYPE(j) / DTYPE(M)


def kernel_covariance[T: (float32, float64)](data: "T[N, M]", cov: "T[M, M]", mean: "T[M]"):
    for j in range(M):
        mean[j] = 0.0
        for i in range(N, name="mean_sum"):
            mean[j] += data[i, j]
        mean[j] /= FLOAT_N
    for i, j in allo.grid(N, M, name="center"):
        data[i, j] -= mean[j]
    for i in range(M):
        for j in range(i, M):
            cov[i, j] = 0.0
            for k in range(N, name="cov_sum"):
                cov[i, j] += data[k, i] * data[k, j]
            cov[i, j] /= FLOAT_N - 1.0
            cov[j, i] = cov[i, j]


# Baseline: every innermost loop pipelined.
s = allo.customize(kernel_covariance, instantiate=[DTYPE])
s.pipeline("mean_sum:i")
s.pipeline("center:j")
s.pipeline("cov_sum:k")
