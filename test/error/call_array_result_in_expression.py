# expect: call_array_result_in_expression.py:7:12: error: 'inc' returns int32[4]; only a kernel returning one scalar can be used in an expression, assign arrays to a variable first
# why: only a kernel returning one scalar is used in an expression
from allo.ir.types import int32
def inc(A: int32[4]) -> int32[4]:
    return A
def top(A: int32[4]):
    A[0] = inc(A) + 1
