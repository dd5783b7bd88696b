# expect: syntax_dict_display.py:5:11: error: dict displays are not supported; use a list or separate variables
# why: no dicts
from allo.ir.types import int32
def k(A: int32[4]):
    d = {1: 2}
