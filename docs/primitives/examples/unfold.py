# unfold and to: the seed systolic GEMM (SPEC.md section 7) on a 2 x 3 grid of
# processing elements. `polyallo dump docs/primitives/examples/unfold.py --steps`
# shows the loop nest after each step; `polyallo run` checks it against the
# plain GEMM, `polyallo graph` draws it.
import allo
from allo.ir.types import int8, int16

M, N, K = 2, 3, 4


def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]


s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
pe = s.unfold("PE", axis=[0, 1], factor=[M, N])
s.to(buf_A, pe, axis=1, depth=M + 1)
s.to(buf_B, pe, axis=0, depth=N + 1)
