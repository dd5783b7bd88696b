# reshape: the kernel reads A, a row of 32 values, in groups of 4. Viewed as
# A[8, 4] the group is a row and the element a column: the subscript i * 4 + k
# becomes [i, k] (0 <= k < 4 decides the division), and s.partition(s.A,
# dim=2) could then spread each group over 4 banks. The local acc, written
# acc[i, k] over a 4 x 4 grid, is stored as one row of 16.
import allo
from allo.ir.types import int32

G, W = 8, 4


def kernel(A: int32[G * W], B: int32[G]):
    acc: int32[G, W] = 0
    for i in range(G):
        for k in range(W):
            acc[i, k] = A[i * W + k] * (k + 1)
    for i in range(G):
        B[i] = acc[i, 0] + acc[i, 1] + acc[i, 2] + acc[i, 3]


s = allo.customize(kernel)
s.reshape(s.A, (G, W))
s.reshape(s.acc, (G * W,))
s.pipeline("k")
