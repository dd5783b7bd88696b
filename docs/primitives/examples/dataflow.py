# dataflow on a function (#pragma HLS dataflow over its body) and on a loop;
# inline on a function (#pragma HLS inline).
import allo
from allo.ir.types import int32

M, N = 4, 6


def scale(A: int32[M, N], B: int32[M, N]):
    for i, j in allo.grid(M, N, name="S"):
        B[i, j] = A[i, j] * 3


def shift(B: int32[M, N], C: int32[M, N]):
    for i, j in allo.grid(M, N):
        C[i, j] = B[i, j] + 1


def top(A: int32[M, N]) -> int32[M, N]:
    B: int32[M, N] = 0
    C: int32[M, N] = 0
    scale(A, B)
    shift(B, C)
    return C


s = allo.customize(top)
s.dataflow("top")
s.dataflow("scale:i")
s.inline("shift")
