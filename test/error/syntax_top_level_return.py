# expect: syntax_top_level_return.py:4:1: error: this statement is not allowed at the top level of a kernel file
# why: only imports, constants, defs and the schedule script at the top level
from allo.ir.types import int32
return 4
