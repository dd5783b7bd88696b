# expect: with_statement.py:5:5: error: not implemented yet: this 'with' statement inside a kernel; kernels accept allo.meta_if, meta_elif, meta_else and meta_for
# why: inside kernels 'with' is only allo.meta_if/elif/else/for
from allo.ir.types import int32
def k(A: int32[4]):
    with open("f") as f:
        pass
