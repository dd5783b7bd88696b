# expect: syntax_top_level_indent.py:4:3: error: unexpected indent: a top-level statement starts in column 1
# why: top-level statements start in column 1
from allo.ir.types import int32
  M = 4
