# expect: call_result_count.py:7:5: error: 'two(A)' returns 2 values; assign them to as many names
# why: a multi-value call has one name per returned value
from allo.ir.types import int32
def two(A: int32[4]) -> (int32, int32):
    return A[0], A[1]
def top(A: int32[4]):
    x = two(A)
