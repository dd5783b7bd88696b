# PolyBench 3mm with Allo's compute schedule (allo/examples/polybench/three_mm.py)
# minus buffer_at and partition (memory customizations): reorder + pipeline per
# matmul, dataflow on each matmul's outer loop and on the three functions.
import allo
from allo.ir.types import int32, float32

P, Q, R, S, T = 16, 18, 20, 22, 24


def mm1[DType: (float32, int32), P: int32, Q: int32, R: int32](A: DType[P, Q], B: DType[Q, R], out_AB: DType[P, R]):
    for i0, j0 in allo.grid(P, R, name="mm1"):
        for k0 in allo.reduction(Q):
            out_AB[i0, j0] += A[i0, k0] * B[k0, j0]


def mm2[DType: (float32, int32), R: int32, S: int32, T: int32](C: DType[R, S], D: DType[S, T], out_CD: DType[R, T]):
    for i1, j1 in allo.grid(R, T, name="mm2"):
        for k1 in allo.reduction(S):
            out_CD[i1, j1] += C[i1, k1] * D[k1, j1]


def mm3[DType: (float32, int32), P: int32, R: int32, T: int32](out_AB: DType[P, R], out_CD: DType[R, T], out_ABC: DType[P, T]):
    for i2, j2 in allo.grid(P, T, name="mm3"):
        for k2 in allo.reduction(R):
            out_ABC[i2, j2] += out_AB[i2, k2] * out_CD[k2, j2]


def kernel_3mm[DType: (float32, int32), P: int32, Q: int32, R: int32, S: int32, T: int32](A: DType[P, Q], B: DType[Q, R], C: DType[R, S], D: DType[S, T]) -> DType[P, T]:
    out_AB: DType[P, R] = 0
    out_CD: DType[R, T] = 0
    output: DType[P, T] = 0
    mm1[DType, P, Q, R](A, B, out_AB)
    mm2[DType, R, S, T](C, D, out_CD)
    mm3[DType, P, R, T](out_AB, out_CD, output)
    return output


sch0 = allo.customize(mm1, instantiate=[float32, P, Q, R])
sch0.reorder("k0", "j0")
sch0.pipeline("k0")
i0 = sch0.get_loops("mm1")["mm1"]["i0"]
sch0.dataflow(i0)

sch1 = allo.customize(mm2, instantiate=[float32, R, S, T])
sch1.reorder("k1", "j1")
sch1.pipeline("k1")
i1 = sch1.get_loops("mm2")["mm2"]["i1"]
sch1.dataflow(i1)

sch2 = allo.customize(mm3, instantiate=[float32, P, R, T])
sch2.reorder("k2", "j2")
sch2.pipeline("k2")
i2 = sch2.get_loops("mm3")["mm3"]["i2"]
sch2.dataflow(i2)

sch = allo.customize(kernel_3mm, instantiate=[float32, P, Q, R, S, T])
sch.compose(sch0)
sch.compose(sch1)
sch.compose(sch2)
sch.dataflow("mm1")
sch.dataflow("mm2")
sch.dataflow("mm3")
