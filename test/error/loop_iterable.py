# expect: loop_iterable.py:5:14: error: a kernel loop iterates over range(...), allo.grid(...) or allo.reduction(...); got 'A'
# why: kernel loops iterate over range, allo.grid or allo.reduction
from allo.ir.types import int32
def k(A: int32[4]):
    for x in A:
        pass
