# expect: syntax_keyword_repeated.py:6:37: error: keyword argument repeated: name
# why: a keyword argument is given once
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    for i in allo.grid(4, name="a", name="b"):
        A[i] = 0
