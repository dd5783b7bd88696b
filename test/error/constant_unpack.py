# expect: constant_unpack.py:4:1: error: cannot unpack a tuple '(4, 8, 16)' into 2 names
# why: a tuple assignment unpacks as many values as names
from allo.ir.types import int32
M, N = 4, 8, 16
