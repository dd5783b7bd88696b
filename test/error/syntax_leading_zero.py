# expect: syntax_leading_zero.py:5:12: error: leading zeros in decimal integer literals are not permitted; write 0o for octal
# why: decimal literals have no leading zeros (0o for octal)
from allo.ir.types import int32
def k(A: int32[4]):
    A[0] = 012
