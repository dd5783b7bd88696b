import allo
from allo.ir.types import int32
import numpy as np

M = 4


def k(A: int32[M, M]):
    for i, j in allo.grid(M, M):
        A[i, j] = 0


s = allo.customize(k)
s.reoder("i")
s.pipeline("i", ii=2)
s.split("i")
s.build(target="fpga")
x = np.zeros(4)
s.unroll(x)
s.split(*["i", 2])
s.partition(s.A, dim=M - 3)
s2 = allo.customize(k, instantiate=[int32])
