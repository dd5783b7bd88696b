# PolyBench/C 4.2.1 floyd-warshall: all-pairs shortest paths, path[i, j] = min(path[i, j], path[i, k] + path[k, j]).
#   polyallo run bench/polybench/floyd-warshall.py -D SIZE=MINI [--polybench-dump]
from allo.ir.types import int32
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = int32
N = (60, 180, 500, 2800, 5600)[SIZE]
POLYBENCH_DUMP = ("path",)


def init_array(path: DTYPE[N, N]):
    for i, j in allo.grid(N, N):
        path[i, j] = i * j % 7 + 1
        if (i + j) % 13 == 0 or (i + j) % 7 == 0 or (i + j) % 11 == 0:
            path[i, j] = 999


def kernel_floyd_warshall(path: "int32[N, N]"):
    for k in range(N):
        for i, j in allo.grid(N, N):
            path[i, j] = (path[i, j] if path[i, j] < path[i, k] + path[k, j]
                          else path[i, k] + path[k, j])


s = allo.customize(kernel_floyd_warshall)
s.pipeline("j")
