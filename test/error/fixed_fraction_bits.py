# expect: fixed_fraction_bits.py:4:10: error: Fixed fraction bits must be between 0 and the width 8, got 9
# why: fixed-point fraction bits are 0..width
from allo.ir.types import Fixed
def k(A: Fixed(8, 9)[4]):
    pass
