# PolyBench/C 4.2.1 deriche: Deriche edge detector, recursive filters along rows then columns.
#   polyallo run bench/polybench/deriche.py -D SIZE=MINI [-D DTYPE=float64] [--polybench-dump]
from allo.ir.types import float32, float64
import allo

MINI, SMALL, MEDIUM, LARGE, EXTRALARGE = 0, 1, 2, 3, 4
SIZE = SMALL
DTYPE = float32
W = (64, 192, 720, 4096, 7680)[SIZE]
H = (64, 128, 480, 2160, 4320)[SIZE]
ALPHA = 0.25
POLYBENCH_DUMP = ("imgOut",)


def init_array(imgIn: DTYPE[W, H]):
    for i, j in allo.grid(W, H):
        imgIn[i, j] = DTYPE((313 * i + 991 * j) % 65536) / DTYPE(65535.0)


# PolyBench's backward loops (j from H-1, i from W-1 down to 0) run as jr = 0 .. H-1 with
# j = H-1-jr, and ir = 0 .. W-1 with i = W-1-ir.
def kernel_deriche[T: (float32, float64)](
    imgIn: "T[W, H]", imgOut: "T[W, H]", y1: "T[W, H]", y2: "T[W, H]"
):
    alpha: T = ALPHA
    k: T = ((1.0 - allo.exp(-alpha)) * (1.0 - allo.exp(-alpha))
            / (1.0 + 2.0 * alpha * allo.exp(-alpha) - allo.exp(2.0 * alpha)))
    a1: T = k
    a5: T = k
    a2: T = k * allo.exp(-alpha) * (alpha - 1.0)
    a6: T = a2
    a3: T = k * allo.exp(-alpha) * (alpha + 1.0)
    a7: T = a3
    a4: T = -k * allo.exp(-2.0 * alpha)
    a8: T = a4
    b1: T = allo.power(T(2.0), -alpha)
    b2: T = -allo.exp(-2.0 * alpha)
    c1: T = 1
    c2: T = 1

    for i in range(W):
        ym1: T = 0.0
        ym2: T = 0.0
        xm1: T = 0.0
        for j in range(H, name="y1_rows"):
            y1[i, j] = a1 * imgIn[i, j] + a2 * xm1 + b1 * ym1 + b2 * ym2
            xm1 = imgIn[i, j]
            ym2 = ym1
            ym1 = y1[i, j]

    for i in range(W):
        yp1: T = 0.0
        yp2: T = 0.0
        xp1: T = 0.0
        xp2: T = 0.0
        for jr in range(H, name="y2_rows"):
            y2[i, H - 1 - jr] = a3 * xp1 + a4 * xp2 + b1 * yp1 + b2 * yp2
            xp2 = xp1
            xp1 = imgIn[i, H - 1 - jr]
            yp2 = yp1
            yp1 = y2[i, H - 1 - jr]

    for i in range(W):
        for j in range(H, name="out_rows"):
            imgOut[i, j] = c1 * (y1[i, j] + y2[i, j])

    for j in range(H):
        tm1: T = 0.0
        ym1: T = 0.0
        ym2: T = 0.0
        for i in range(W, name="y1_cols"):
            y1[i, j] = a5 * imgOut[i, j] + a6 * tm1 + b1 * ym1 + b2 * ym2
            tm1 = imgOut[i, j]
            ym2 = ym1
            ym1 = y1[i, j]

    for j in range(H):
        tp1: T = 0.0
        tp2: T = 0.0
        yp1: T = 0.0
        yp2: T = 0.0
        for ir in range(W, name="y2_cols"):
            y2[W - 1 - ir, j] = a7 * tp1 + a8 * tp2 + b1 * yp1 + b2 * yp2
            tp2 = tp1
            tp1 = imgOut[W - 1 - ir, j]
            yp2 = yp1
            yp1 = y2[W - 1 - ir, j]

    for i in range(W):
        for j in range(H, name="out_cols"):
            imgOut[i, j] = c2 * (y1[i, j] + y2[i, j])


s = allo.customize(kernel_deriche, instantiate=[DTYPE])
s.pipeline("y1_rows:j")
s.pipeline("y2_rows:jr")
s.pipeline("out_rows:j")
s.pipeline("y1_cols:i")
s.pipeline("y2_cols:ir")
s.pipeline("out_cols:j")
