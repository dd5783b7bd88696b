# expect: partition_target_not_an_array.py:9:3: error: partition: 'target' takes an array, as s.A, "A" or "func:A", not an integer 4
# why: partition's target is an array, as s.A, "A" or "func:A"
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition(4)
