# expect: polybench_dump_unknown_array.py:6:1: error: POLYBENCH_DUMP entry "z": kernel 'kernel' has no parameter 'z' (its parameters are A, y); an entry is "NAME", ("NAME", s0, s1, ...), ("NAME", "lower", s0, s1), ("NAME", "upper"), ("NAME", "after") or "FINISH"
# why: POLYBENCH_DUMP names the kernel's parameters that --polybench-dump prints
from allo.ir.types import float64
import allo

POLYBENCH_DUMP = ("z",)

def kernel(A: float64[4], y: float64[4]):
    for i in range(4):
        y[i] = A[i] * 2.0

s = allo.customize(kernel)
