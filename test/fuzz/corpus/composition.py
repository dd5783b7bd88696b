# Two matrix multiplications composed in one kernel (SPEC.md section 7): a
# template kernel instantiated twice, each instance named ("first", "second")
# so that each becomes its own function: matmul_first and matmul_second.
import allo
from allo.ir.types import int8, int32

M, N, K = 8, 4, 8


def matmul[Ty, P: int32, Q: int32, R: int32](A: Ty[P, R], B: Ty[R, Q], C: Ty[P, Q]):
    for i, j in allo.grid(P, Q, name="PE"):
        acc: int32 = 0
        for k in range(R):
            acc += A[i, k] * B[k, j]
        C[i, j] = acc


def top(X: int8[M, K], W_A: int8[K, N], W_B: int8[N, K]) -> int8[M, K]:
    Y: int8[M, N] = 0
    Z: int8[M, K] = 0
    matmul[int8, M, N, K, "first"](X, W_A, Y)
    matmul[int8, M, K, N, "second"](Y, W_B, Z)
    return Z


s_top = allo.customize(top)
