# compose(s, id=...): a template instance called as mm[..., "FFN1"] is the
# function mm_FFN1; id="FFN1" replays the schedule on that instance only.
import allo
from allo.ir.types import int8, int32

M, N, K = 4, 6, 8


def mm[T: (int8, int32), M: int32, N: int32, K: int32](A: T[M, K], B: T[K, N], C: int32[M, N]):
    for i, j in allo.grid(M, N):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


def top(X: int8[M, K], W1: int8[K, N], W2: int8[K, N]) -> int32[M, N]:
    Y: int32[M, N] = 0
    mm[int8, M, N, K, "FFN1"](X, W1, Y)
    mm[int8, M, N, K, "FFN2"](X, W2, Y)
    return Y


s_mm = allo.customize(mm, instantiate=[int8, M, N, K])
s_mm.split("j", 4)
s_mm.pipeline("j.inner")

s = allo.customize(top)
s.compose(s_mm, id="FFN1")
