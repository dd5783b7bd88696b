# expect: return_without_annotation.py:5:5: error: kernel 'k' returns a value but has no return annotation; add one, e.g. -> float32[M, N]
# why: a kernel that returns a value declares its type
from allo.ir.types import int32
def k(A: int32[4]):
    return A
