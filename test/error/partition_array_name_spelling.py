# expect: partition_array_name_spelling.py:9:3: error: partition: 'k:A:0' is not an array name; write s.A, "A" or "func:A"
# why: an array is spelled s.A, "A" or "func:A"
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition("k:A:0")
