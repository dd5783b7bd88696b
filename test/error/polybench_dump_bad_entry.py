# expect: polybench_dump_bad_entry.py:6:1: error: POLYBENCH_DUMP entry ("C", "diagonal"): unknown part "diagonal"; an entry is "NAME", ("NAME", s0, s1, ...), ("NAME", "lower", s0, s1), ("NAME", "upper"), ("NAME", "after") or "FINISH"
# why: a POLYBENCH_DUMP entry has one of four forms
from allo.ir.types import float64
import allo

POLYBENCH_DUMP = (("C", "diagonal"),)

def kernel(A: float64[4, 4], C: float64[4, 4]):
    for i, j in allo.grid(4, 4):
        C[i, j] = A[i, j] * 2.0

s = allo.customize(kernel)
