# expect: partition_unknown_array.py:9:3: error: partition: function 'k' has no array 'B'; its arrays are A
# why: partition names an array of the function (the arrays are listed)
import allo
from allo.ir.types import int32
def k(A: int32[4, 8]):
    for i, j in allo.grid(4, 8):
        A[i, j] = i + j
s = allo.customize(k)
s.partition("B")
