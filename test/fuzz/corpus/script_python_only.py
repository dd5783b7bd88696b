import allo
import numpy as np
from allo.ir.types import int32


def k(A: int32[4]):
    pass


def test_k():
    assert True


s = allo.customize(k)
A = np.zeros(4)
assert A is not None
x = [a for a in range(3)]
y = {"a": 1, "b": [1, 2]}
z = lambda q: q + 1
if __name__ == "__main__":
    test_k()
    print("done")
