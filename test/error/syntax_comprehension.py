# expect: syntax_comprehension.py:5:12: error: list comprehensions are not supported; write the loop out
# why: no comprehensions
from allo.ir.types import int32
def k(A: int32[4]):
    x = [i for i in range(4)]
