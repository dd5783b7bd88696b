# A two-matmul feed-forward block composed from systolic tiles: mm1 and mm2
# each get the seed systolic schedule (buffer_at, unfold, to with axis=), top
# composes both, and to(Y, "mm2") streams the intermediate Y from the first
# systolic array to the second through one FIFO (two concurrent stages).
import allo
from allo.ir.types import int8, int16, int32

M, K, N = 4, 6, 5


def mm1(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


def mm2(A: int16[M, N], B: int8[N, K], C: int32[M, K]):
    for i, j in allo.grid(M, K, name="PE"):
        for k in range(N):
            C[i, j] += A[i, k] * B[k, j]


def top(X: int8[M, K], W_A: int8[K, N], W_B: int8[N, K]) -> int32[M, K]:
    Y: int16[M, N] = 0
    Z: int32[M, K] = 0
    mm1(X, W_A, Y)
    mm2(Y, W_B, Z)
    return Z


s1 = allo.customize(mm1)
buf_A = s1.buffer_at(s1.A, "j")
buf_B = s1.buffer_at(s1.B, "j")
pe = s1.unfold("PE", axis=[0, 1], factor=[M, N])
s1.to(buf_A, pe, axis=1, depth=M + 1)
s1.to(buf_B, pe, axis=0, depth=N + 1)

s2 = allo.customize(mm2)
buf_A2 = s2.buffer_at(s2.A, "j")
buf_B2 = s2.buffer_at(s2.B, "j")
pe2 = s2.unfold("PE", axis=[0, 1], factor=[M, K])
s2.to(buf_A2, pe2, axis=1, depth=M + 1)
s2.to(buf_B2, pe2, axis=0, depth=K + 1)

s = allo.customize(top)
s.compose(s1)
s.compose(s2)
s.to(s.Y, "mm2", depth=4)
