# expect: call_keyword_arguments.py:7:5: error: kernel 'add' takes its arguments by position
# why: kernel calls pass arguments by position
from allo.ir.types import int32
def add(A: int32[4]):
    pass
def top(B: int32[4]):
    add(A=B)
