# expect: not_a_type.py:5:10: error: 'M' is not a type; expected an element type such as int32, float32, Fixed(16, 8), optionally with a shape: float32[M, N]
# why: an annotation is an element type, optionally with a shape
from allo.ir.types import int32
M = 4
def k(A: M):
    pass
