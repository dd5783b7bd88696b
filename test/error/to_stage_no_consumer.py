# expect: to_stage_no_consumer.py:13:3: error: to(Y, "k2"): 'k2' does not name a consumer of 'Y' in function 'top'; what reads it after its last write is k1
# why: to without axis= names a consumer of the array after its last write
import allo
from allo.ir.types import int8
def k1(A: int8[4], B: int8[4]):
    for i in range(4):
        B[i] = A[i] + 1
def top(A: int8[4], C: int8[4]):
    Y: int8[4] = 0
    k1(A, Y)
    k1(Y, C)
s = allo.customize(top)
s.to(s.Y, "k2")
