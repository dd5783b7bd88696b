# expect: type_width_range.py:4:10: error: Int(): 5000000 bits is out of range; widths are 1 to 64
# why: Int(n) and Fixed(w, f) take widths from 1 to 64
from allo.ir.types import Int
def k(A: Int(5000000)[4]):
    pass
