# expect: compute_at_producer_after_consumer.py:11:3: error: compute_at moves a producer into a consumer that follows it; the producer's band C comes after the consumer's band P
# why: compute_at moves a producer into a consumer that follows it
import allo
from allo.ir.types import int32
def k(A: int32[4, 4], B: int32[4, 4]):
    for i, j in allo.grid(4, 4, name="P"):
        A[i, j] = i + j
    for i, j in allo.grid(4, 4, name="C"):
        B[i, j] = A[i, j]
s = allo.customize(k)
s.compute_at("C", "P:i")
