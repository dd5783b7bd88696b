# expect: annotation_string_invalid.py:4:10: error: in the annotation "int32[4": '[' was never closed
# why: a string annotation (Allo's A: "int32[4]") holds a type expression
from allo.ir.types import int32
def k(A: "int32[4"):
    A[0] = 1
