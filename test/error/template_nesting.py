# expect: template_nesting.py:5:5: error: kernel instances nest more than 64 deep at 'f_63'; a template that instantiates itself is recursion, which is not supported
# why: template instances may not nest without end (recursion)
from allo.ir.types import int32
def f[N: int32](A: int32[4]):
    f[N + 1](A)
def top(A: int32[4]):
    f[0](A)
