# expect: syntax_duplicate_parameter.py:4:20: error: duplicate parameter 'A' in the function definition
# why: parameter names are unique
from allo.ir.types import int32
def k(A: int32[4], A: int32[4]):
    pass
