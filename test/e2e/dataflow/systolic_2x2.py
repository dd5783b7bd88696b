# Systolic GEMM in Allo's dataflow API (SPEC section 5): a (M + 2) x (N + 2)
# grid of processing elements. Column 0 loads the rows of A, row 0 the
# columns of B; inner PEs get one value from the left and one from above,
# accumulate C[i - 1, j - 1] and forward both; the last row and column drain
# what arrives; the corners do nothing. meta_if picks each PE's role from its
# coordinates (i, j) = df.get_pid().
import allo
from allo.ir.types import int8, int16, Stream
import allo.dataflow as df
import numpy as np

M, N, K = 2, 2, 4
P0, P1 = M + 2, N + 2


@df.region()
def top(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    fifo_A: Stream[int8, 4][P0, P1]
    fifo_B: Stream[int8, 4][P0, P1]

    @df.kernel(mapping=[P0, P1], args=[A, B, C])
    def gemm(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
        i, j = df.get_pid()
        # corners
        with allo.meta_if(i in {0, M + 1} and j in {0, N + 1}):
            pass
        # loaders
        with allo.meta_elif(j == 0):
            for k in range(K):
                fifo_A[i, j + 1].put(A[i - 1, k])
        with allo.meta_elif(i == 0):
            for k in range(K):
                fifo_B[i + 1, j].put(B[k, j - 1])
        # drains
        with allo.meta_elif(i == M + 1):
            for k in range(K):
                b: int8 = fifo_B[i, j].get()
        with allo.meta_elif(j == N + 1):
            for k in range(K):
                a: int8 = fifo_A[i, j].get()
        # compute
        with allo.meta_else():
            c: int16 = 0
            for k in range(K):
                a: int8 = fifo_A[i, j].get()
                b: int8 = fifo_B[i, j].get()
                c += a * b
                fifo_A[i, j + 1].put(a)
                fifo_B[i + 1, j].put(b)
            C[i - 1, j - 1] = c


if __name__ == "__main__":
    A = np.random.randint(-8, 8, (M, K)).astype(np.int8)
    B = np.random.randint(-8, 8, (K, N)).astype(np.int8)
    C = np.zeros((M, N), dtype=np.int16)
    sim_mod = df.build(top, target="simulator")
    sim_mod(A, B, C)
    np.testing.assert_allclose(C, A.astype(np.int16) @ B.astype(np.int16))
