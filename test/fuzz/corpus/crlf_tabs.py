import allo
from allo.ir.types import int32

def k(A: int32[4]):
	for i in range(4):
		A[i] = \
		    i  # tabs, CRLF, continuation
