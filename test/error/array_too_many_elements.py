# expect: array_too_many_elements.py:4:24: error: an array of more than 2^48 elements is not supported
# why: an array has at most 2^48 elements
from allo.ir.types import int8
def k(A: int8[2 ** 30, 2 ** 30]):
    pass
