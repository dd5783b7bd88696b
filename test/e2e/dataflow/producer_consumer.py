# A 1-D dataflow region: one producer PE streams A through a FIFO to one
# consumer PE, which adds 1 and writes B (Allo's test_producer_consumer).
import allo
from allo.ir.types import int32, Stream
import allo.dataflow as df

M, N = 4, 4


@df.region()
def top(A: int32[M, N], B: int32[M, N]):
    pipe: Stream[int32, 4]

    @df.kernel(mapping=[1], args=[A])
    def producer(A: int32[M, N]):
        for i, j in allo.grid(M, N):
            out: int32 = A[i, j]
            pipe.put(out)

    @df.kernel(mapping=[1], args=[B])
    def consumer(B: int32[M, N]):
        for i, j in allo.grid(M, N):
            out: int32 = pipe.get()
            B[i, j] = out + 1
