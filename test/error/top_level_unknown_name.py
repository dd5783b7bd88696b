# expect: top_level_unknown_name.py:4:1: error: name 'X' is not defined
# why: a top-level update names an existing constant
from allo.ir.types import int32
X += 1
