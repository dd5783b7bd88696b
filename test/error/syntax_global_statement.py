# expect: syntax_global_statement.py:6:5: error: 'global' statements are not supported by polyallo
# why: no del/global/nonlocal/raise
from allo.ir.types import int32
M = 4
def k(A: int32[4]):
    global M
