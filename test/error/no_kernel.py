# expect: error: no_kernel.py defines no kernel (a def whose parameters all have type annotations, e.g. def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:)
# why: polyallo run needs a kernel in the file
M = 4
