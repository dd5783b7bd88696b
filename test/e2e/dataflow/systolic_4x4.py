# The same systolic GEMM, 4 x 4 (6 x 6 processing elements), in the older
# spelling Allo's seeds use: the region takes no parameters, its streams are
# df.array(df.pipe(...), shape=...), and the kernel's parameters become the
# region's arguments (top(A, B, C)). get_pid's names are pi, pj here.
import allo
from allo.ir.types import int8, int16
import allo.dataflow as df
import numpy as np

M, N, K = 4, 4, 4
P0, P1 = M + 2, N + 2


@df.region()
def top():
    fifo_A = df.array(df.pipe(dtype=int8, shape=(), depth=4), shape=(P0, P1))
    fifo_B = df.array(df.pipe(dtype=int8, shape=(), depth=4), shape=(P0, P1))

    @df.kernel(mapping=[P0, P1])
    def gemm(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
        pi, pj = df.get_pid()
        with allo.meta_if(pi in {0, M + 1} and pj in {0, N + 1}):
            pass
        with allo.meta_elif(pj == 0):
            for k in range(K):
                fifo_A[pi, pj + 1].put(A[pi - 1, k])
        with allo.meta_elif(pi == 0):
            for k in range(K):
                fifo_B[pi + 1, pj].put(B[k, pj - 1])
        with allo.meta_elif(pi == M + 1 and pj > 0):
            for k in range(K):
                b: int8 = fifo_B[pi, pj].get()
        with allo.meta_elif(pj == N + 1 and pi > 0):
            for k in range(K):
                a: int8 = fifo_A[pi, pj].get()
        with allo.meta_else():
            c: int16 = 0
            for k in range(K):
                a: int8 = fifo_A[pi, pj].get()
                b: int8 = fifo_B[pi, pj].get()
                c += a * b
                fifo_A[pi, pj + 1].put(a)
                fifo_B[pi + 1, pj].put(b)
            C[pi - 1, pj - 1] = c


def test_systolic():
    A = np.random.randint(-8, 8, (M, K)).astype(np.int8)
    B = np.random.randint(-8, 8, (K, N)).astype(np.int8)
    C = np.zeros((M, N), dtype=np.int16)
    sim_mod = df.build(top, target="simulator")
    sim_mod(A, B, C)
    np.testing.assert_allclose(C, A.astype(np.int16) @ B.astype(np.int16))


if __name__ == "__main__":
    test_systolic()
