import allo
from allo.ir.types import int8, int16, int32, float32


def scale[T, N: int32](A: T[N]):
    for i in range(N):
        A[i] *= 2


def vadd[T, N: int32](A: T[N], B: T[N]) -> T[N]:
    C: T[N] = 0
    for i in range(N):
        C[i] = A[i] + B[i]
    return C


def top(X: int8[4], Y: int32[8], Z: float32[4]):
    scale[int8, 4](X)
    scale[int8, 4](X)
    scale[int32, 8, "big"](Y)
    W = vadd[float32, 4](Z, Z)
    Z = W


s = allo.customize(vadd, instantiate=[int16, 8])
t = allo.customize(top)
