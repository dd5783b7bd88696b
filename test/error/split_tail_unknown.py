# expect: split_tail_unknown.py:9:3: error: split: tail= is "guard" (the inner loop keeps factor iterations, its body is guarded) or "shrink" (the inner loop's bound is min(factor, what remains)), not "pad"
# why: split's tail= is "guard" or "shrink"
import allo
from allo.ir.types import int32
def k(A: int32[10]):
    for i in range(10):
        A[i] = 0
s = allo.customize(k)
s.split("i", 4, tail="pad")
