# expect: syntax_unterminated_string.py:5:23: error: unterminated string literal; close it on the same line with the quote it opened with
# why: a string literal closes on its own line with the quote it opened with
import allo
from allo.ir.types import int32
s = allo.customize(k, "oops)
