# compose(s, id=...) schedules one named template instance: mm_FFN1 gets the
# sub-schedule, mm_FFN2 keeps program order.
import allo
from allo.ir.types import int8, int32
M, N, K = 4, 8, 6
def mm[T: (int8, int32), M: int32, N: int32, K: int32](A: T[M, K], B: T[K, N], C: int32[M, N]):
    for i, j in allo.grid(M, N):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]
def top(X: int8[M, K], W: int8[K, N]) -> int32[M, N]:
    Y: int32[M, N] = 0
    Z: int32[M, N] = 0
    mm[int8, M, N, K, "FFN1"](X, W, Y)
    mm[int8, M, N, K, "FFN2"](X, W, Z)
    for i, j in allo.grid(M, N):
        Y[i, j] += Z[i, j]
    return Y
s_mm = allo.customize(mm, instantiate=[int8, M, N, K])
s_mm.reorder("k", "j")
s_mm.pipeline("j")
s = allo.customize(top)
s.compose(s_mm, id="FFN1")
