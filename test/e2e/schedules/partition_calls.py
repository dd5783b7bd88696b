# partition across calls: layout inference carries each partition to the
# callee parameter, the caller's argument, every other call of the same
# callee and returned buffers. mm's C (cyclic on dim 2) reaches Y and Z, and
# through Y (passed as A of the second call) mm's A and S, the buffer scale
# returns (top's local scale_B); scale's B (cyclic on dim 1) comes back the
# same way. Every array on that path ends up [cyclic(2), cyclic(4)].
import allo
from allo.ir.types import int32

N = 8


def scale(A: int32[N, N]) -> int32[N, N]:
    B: int32[N, N] = 0
    for i, j in allo.grid(N, N):
        B[i, j] = A[i, j] * 3
    return B


def mm(A: int32[N, N], B: int32[N, N], C: int32[N, N]):
    for i, j in allo.grid(N, N):
        for k in allo.reduction(N):
            C[i, j] += A[i, k] * B[k, j]


def top(X: int32[N, N], W: int32[N, N]) -> int32[N, N]:
    Y: int32[N, N] = 0
    Z: int32[N, N] = 0
    S = scale(X)
    mm(S, W, Y)
    mm(Y, W, Z)
    return Z


s_mm = allo.customize(mm)
s_mm.reorder("k", "j")
s_mm.partition(s_mm.B, partition_type=allo.Partition.Block, dim=1, factor=2)
s_mm.partition(s_mm.C, partition_type=allo.Partition.Cyclic, dim=2, factor=4)
s_mm.pipeline("j")

s_scale = allo.customize(scale)
s_scale.partition(s_scale.B, partition_type=allo.Partition.Cyclic, dim=1, factor=2)

s = allo.customize(top)
s.compose(s_mm)
s.compose(s_scale)
s.partition("scale:A", allo.Partition.Complete, 2)
