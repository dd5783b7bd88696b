# expect: meta_else_without_if.py:6:5: error: meta_elif / meta_else must follow a meta_if block directly
# why: meta_elif/meta_else follow a meta_if block directly
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    with allo.meta_else():
        pass
