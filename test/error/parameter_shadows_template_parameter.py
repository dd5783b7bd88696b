# expect: parameter_shadows_template_parameter.py:4:17: error: parameter 'N' has the name of a template parameter
# why: a kernel parameter does not reuse a template parameter's name
from allo.ir.types import int32
def k[N: int32](N: int32):
    pass
s = allo.customize(k, instantiate=[4])
