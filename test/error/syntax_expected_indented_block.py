# expect: syntax_expected_indented_block.py:6:5: error: expected an indented block after the 'for' statement on line 5, found name 'A'
# why: a compound statement's header is followed by an indented block
from allo.ir.types import int32
def k(A: int32[4]):
    for i in range(4):
    A[0] = 0
