# reshape: the kernel reads A, a row of 32 values, in groups of 4. Viewed as
# A[8, 4] a group is a row and its elements the columns: the subscript
# g * 4 + k becomes [g, k] (0 <= k < 4 decides the division), so a partition
# of dim 2 puts the 4 elements a pipelined iteration of g reads in 4 banks.
# The local acc, written acc[g, k] over an 8 x 4 grid, is stored as one row
# of 32.
import allo
from allo.ir.types import int32

G, W = 8, 4


def kernel(A: int32[G * W], B: int32[G]):
    acc: int32[G, W] = 0
    for g in range(G):
        for k in range(W):
            acc[g, k] = A[g * W + k] * (k + 1)
    for i in range(G):
        B[i] = acc[i, 0] + acc[i, 1] + acc[i, 2] + acc[i, 3]


s = allo.customize(kernel)
s.reshape(s.A, (G, W))
s.reshape(s.acc, (G * W,))
s.partition(s.A, dim=2)
s.pipeline("g")
