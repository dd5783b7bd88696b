# expect: nested_def.py:5:5: error: not implemented yet: a def inside kernel 'k' (nested kernels and dataflow regions); define 'g' at the top level
# why: kernels are defined at the top level (nested: not yet)
from allo.ir.types import int32
def k(A: int32[4]):
    def g(B: int32[4]):
        pass
