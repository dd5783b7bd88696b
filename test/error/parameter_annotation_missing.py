# expect: parameter_annotation_missing.py:4:20: error: parameter 'x' of kernel 'k' needs a type annotation, e.g. x: float32[M, N] or x: int32
# why: every kernel parameter is annotated (when one is, it is a kernel)
from allo.ir.types import int32
def k(A: int32[4], x) -> int32:
    return A[0]
