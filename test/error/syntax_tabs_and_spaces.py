# expect: syntax_tabs_and_spaces.py:6:2: error: inconsistent use of tabs and spaces in indentation; indent with spaces only
# why: indentation does not depend on the tab width
from allo.ir.types import int32
def k(A: int32[4]):
        A[0] = 0
	A[1] = 1
