# expect: syntax_assign_to_call.py:5:5: error: cannot assign to 'max(A[0], 1)' in an assignment; the target must be a name, an attribute, a subscript or a tuple of those
# why: the target of '=' is a name, attribute, subscript or tuple of those
from allo.ir.types import int32
def k(A: int32[4]):
    max(A[0], 1) = 2
