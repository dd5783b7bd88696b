# expect: syntax_invalid_decimal.py:5:12: error: invalid decimal literal: a number must not run into a name, and '_' only separates digits
# why: a number does not run into a name
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 3x
