# expect: template_instance_name_clash.py:9:5: error: the instance 'k_big' of template 'k' has the name of another kernel (defined at template_instance_name_clash.py:6:1); name the instance differently
# why: a named template instance does not collide with another kernel
from allo.ir.types import int32
def k[N: int32](A: int32[N]):
    pass
def k_big(A: int32[4]):
    pass
def top(A: int32[8]):
    k[8, "big"](A)
