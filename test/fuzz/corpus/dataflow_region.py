import allo
from allo.ir.types import float32, Stream
import allo.dataflow as df

M, N, K = 4, 4, 4
P0, P1 = M + 2, N + 2


@df.region()
def top(A: float32[M, K], B: float32[K, N], C: float32[M, N]):
    fifo_A: Stream[float32, 4][P0, P1]
    fifo_B = df.array(df.pipe(dtype=float32, depth=4), shape=(P0, P1))

    @df.kernel(mapping=[P0, P1], args=[A, B, C])
    def gemm(A: float32[M, K], B: float32[K, N], C: float32[M, N]):
        i, j = df.get_pid()
        with allo.meta_if(i in {0, M + 1} and j in {0, N + 1}):
            pass
        with allo.meta_elif(j == 0):
            for k in range(K):
                fifo_A[i, j + 1].put(A[i - 1, k])
        with allo.meta_else():
            for k in range(K):
                a: float32 = fifo_A[i, j].get()
                b: float32 = fifo_B[i, j].get()
                C[i - 1, j - 1] += a * b
