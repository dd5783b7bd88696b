# partition: spread an array's elements over memory banks, so that an
# unrolled or pipelined loop reads several of them per cycle. Layout
# inference carries each partition to every kernel that shares the array.
import allo
from allo.ir.types import int32

M, N = 4, 8


def row_sum(A: int32[M, N]) -> int32[M]:
    S: int32[M] = 0
    for i in range(M):
        for j in range(N):
            S[i] += A[i, j]
    return S


def top(X: int32[M, N]) -> int32[M]:
    Y: int32[M, N] = 0
    for i, j in allo.grid(M, N):
        Y[i, j] = X[i, j] * 2
    R = row_sum(Y)
    return R


s_sum = allo.customize(row_sum)
s_sum.unroll("j", 4)
s_sum.partition(s_sum.A, partition_type=allo.Partition.Cyclic, dim=2, factor=4)

s = allo.customize(top)
s.compose(s_sum)
s.partition(s.X, allo.Partition.Block, 1, 2)
