# expect: syntax_lambda.py:5:9: error: lambda expressions are not supported; define a function with 'def'
# why: no lambda expressions
from allo.ir.types import int32
def k(A: int32[4]):
    f = lambda x: x
