# expect: meta_for_budget.py:7:14: error: meta_for makes more than 8192 copies of bodies in kernel 'k' (nested ones multiply); use a loop
# why: meta_for copies of one kernel, nested ones multiplied, stay within a budget
import allo
from allo.ir.types import int32
def k(A: int32[4]):
    with allo.meta_for(200) as a:
        with allo.meta_for(200) as b:
            A[0] += a * b
