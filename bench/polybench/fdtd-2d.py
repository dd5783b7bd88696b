# PolyBench/C 4.2.1 fdtd-2d: TMAX steps of 2-D FDTD, updating the fields ey, ex, then hz.
#   polyallo run bench/polybench/fdtd-2d.py -D SIZE=MINI [-D DTYPE=float32] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float64
TMAX = (20, 40, 100, 500, 1000)[SIZE]
NX = (20, 60, 200, 1000, 2000)[SIZE]
NY = (30, 80, 240, 1200, 2600)[SIZE]
# PolyBench's print_array breaks lines at (i * nx + j) % 20 == 0 (nx, not ny).
POLYBENCH_DUMP = (("ex", NX, 1), "FINISH", ("ey", NX, 1), ("hz", NX, 1))


def init_array(ex: DTYPE[NX, NY], ey: DTYPE[NX, NY], hz: DTYPE[NX, NY], _fict_: DTYPE[TMAX]):
    for i in range(TMAX):
        _fict_[i] = DTYPE(i)
    for i, j in allo.grid(NX, NY):
        ex[i, j] = DTYPE(i) * DTYPE(j + 1) / DTYPE(NX)
        ey[i, j] = DTYPE(i) * DTYPE(j + 2) / DTYPE(NY)
        hz[i, j] = DTYPE(i) * DTYPE(j + 3) / DTYPE(NX)


def kernel_fdtd_2d[T: (float32, float64)](
    ex: "T[NX, NY]", ey: "T[NX, NY]", hz: "T[NX, NY]", _fict_: "T[TMAX]"
):
    for t in range(TMAX):
        for j in range(NY, name="ey0"):
            ey[0, j] = _fict_[t]
        for i in range(1, NX, name="ey"):
            for j in range(NY):
                ey[i, j] = ey[i, j] - 0.5 * (hz[i, j] - hz[i - 1, j])
        for i in range(NX, name="ex"):
            for j in range(1, NY):
                ex[i, j] = ex[i, j] - 0.5 * (hz[i, j] - hz[i, j - 1])
        for i in range(NX - 1, name="hz"):
            for j in range(NY - 1):
                hz[i, j] = hz[i, j] - 0.7 * (ex[i, j + 1] - ex[i, j] + ey[i + 1, j] - ey[i, j])


s = allo.customize(kernel_fdtd_2d, instantiate=[DTYPE])
s.pipeline("ey0:j")
s.pipeline("ey:j")
s.pipeline("ex:j")
s.pipeline("hz:j")
