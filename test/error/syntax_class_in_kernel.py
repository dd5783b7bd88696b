# expect: syntax_class_in_kernel.py:5:5: error: 'class' statements are not supported inside a kernel
# why: class/try/async do not appear inside a kernel
from allo.ir.types import int32
def k(A: int32[4]):
    class C:
        pass
