# expect: array_too_large_for_memory.py:4:7: error: array 'A': int32[100000000000] needs 400000000000 bytes, more than this machine's memory
# why: polyallo run allocates every array in memory
from allo.ir.types import int32
def k(A: int32[100000000000]):
    A[0] = 1
