# Jacobi-2D (PolyBench): a time loop around two 5-point stencils.
import allo
from allo.ir.types import float32

TSTEPS, N = 4, 16


def jacobi_2d(A: float32[N, N], B: float32[N, N]):
    for t in range(TSTEPS):
        for i, j in allo.grid(N - 2, N - 2, name="B"):
            B[i + 1, j + 1] = 0.2 * (A[i + 1, j + 1] + A[i + 1, j] + A[i + 1, j + 2]
                                     + A[i + 2, j + 1] + A[i, j + 1])
        for i, j in allo.grid(N - 2, N - 2, name="A"):
            A[i + 1, j + 1] = 0.2 * (B[i + 1, j + 1] + B[i + 1, j] + B[i + 1, j + 2]
                                     + B[i + 2, j + 1] + B[i, j + 1])


s = allo.customize(jacobi_2d)
