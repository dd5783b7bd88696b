# expect: int_width.py:4:10: error: Int width must be between 1 and 64, got 65
# why: integer widths are 1..64
from allo.ir.types import Int
def k(A: Int(65)[4]):
    pass
