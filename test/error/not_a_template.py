# expect: not_a_template.py:7:5: error: kernel 'g' is not a template; call it without [...]
# why: a kernel without template parameters is called without [...]
from allo.ir.types import int32
def g(A: int32[4]):
    pass
def k(A: int32[4]):
    g[4](A)
