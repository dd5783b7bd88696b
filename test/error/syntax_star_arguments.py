# expect: syntax_star_arguments.py:5:16: error: star arguments (*args, **kwargs) are not supported; pass each argument by itself
# why: no *args / **kwargs
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = max(*A)
