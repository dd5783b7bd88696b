# expect: redeclared_local.py:7:9: error: 'x' is already defined at redeclared_local.py:5:5; Allo does not allow redeclaring a name in the same or a nested block
# why: a local is declared once per block and its nested blocks
from allo.ir.types import int32
def k(A: int32[4]):
    x: int32 = 0
    for i in range(4):
        x: int32 = 1
