# buffer_at on a 2-D tile of an input and of the result after a split: buffers
# of two dimensions whose offsets follow the outer loop.
import allo
from allo.ir.types import int16

M, N = 8, 12


def scale(X: int16[M, N]) -> int16[M, N]:
    Y: int16[M, N] = 0
    for i, j in allo.grid(M, N):
        Y[i, j] = X[i, j] * 3 + X[i, (j + 1) % N]
    return Y


t = allo.customize(scale)
t.split("i", 4)
buf_X = t.buffer_at(t.X, "i.outer")
buf_Y = t.buffer_at(t.Y, "i.outer")
t.pipeline("j")
