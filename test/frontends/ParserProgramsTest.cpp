// The parser on the programs of SPEC.md sections 1, 5 and 7.
#include "frontends/ParserTesting.h"

namespace polyallo::allo::parsertest {
namespace {

// ---- the programs of SPEC.md ---------------------------------------------------

TEST(ParserPrograms, GemmFileOfSection1) {
  Module m = parseText(R"(import allo
from allo.ir.types import int8, int16, int32, float32

M, N, K = 32, 32, 32                    # module constants: ints, floats, tuples of them

def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
    C: float32[M, N] = 0.0
    for i, j, k in allo.grid(M, N, K):
        C[i, j] += A[i, k] * B[k, j]
    return C

s = allo.customize(gemm)                # the schedule script
s.reorder("k", "j")
s.buffer_at(s.C, axis="i")
s.pipeline("j")
print(s.module)                         # IR after the steps so far
mod = s.build(target="llvm")            # CPU simulation ("llvm" is Allo's name for it)
)");
  EXPECT_EQ(m.path, "k.py");
  ASSERT_EQ(m.body.size(), 10u);
  EXPECT_EQ(m.body[1]->names.size(), 4u);
  const Stmt& gemm = *m.body[3];
  ASSERT_EQ(gemm.kind, StmtKind::FunctionDef);
  EXPECT_EQ(gemm.loc.line, 6);
  EXPECT_EQ(gemm.endLine, 10);
  ASSERT_EQ(gemm.body.size(), 3u);
  const Stmt& loop = *gemm.body[1];
  EXPECT_EQ(loop.kind, StmtKind::For);
  EXPECT_EQ(str(*loop.target), "(i, j, k)");
  ASSERT_EQ(loop.body.size(), 1u);
  const Stmt& update = *loop.body[0];
  EXPECT_EQ(update.kind, StmtKind::AugAssign);
  EXPECT_EQ(update.loc.line, 9);
  EXPECT_EQ(update.loc.col, 9);
  EXPECT_EQ(str(*update.target), "C[i, j]");
  EXPECT_EQ(sexpr(update.value.get()), "(* (sub A (tuple i k)) (sub B (tuple k j)))");
  EXPECT_EQ(update.value->right->loc.col, 30);
  EXPECT_EQ(str(*m.body[6]->value), "s.buffer_at(s.C, axis=\"i\")");
  EXPECT_EQ(m.body[9]->kind, StmtKind::Assign);
}

TEST(ParserPrograms, DataflowRegionOfSection5) {
  const std::string region = R"(@df.region()
def top(A: float32[M, K], B: float32[K, N], C: float32[M, N]):
    fifo_A: Stream[float32, 4][P0, P1]           # array of FIFOs of depth 4
    fifo_B: Stream[float32, 4][P0, P1]

    @df.kernel(mapping=[P0, P1], args=[A, B, C])
    def gemm(A: float32[M, K], B: float32[K, N], C: float32[M, N]):
        i, j = df.get_pid()                      # compile-time constants per instance
        with allo.meta_if(i in {0, M + 1} and j in {0, N + 1}):
            pass
        with allo.meta_elif(j == 0):
            for k in range(K):
                fifo_A[i, j + 1].put(A[i - 1, k])
)";
  // The section elides the remaining branches with `...`, which kernels refuse.
  expectSyntaxError(region + "        ...                                      # get(), put()\n",
                    "Ellipsis", 14, 9);
  Module m = parseText(region + R"(        with allo.meta_else():
            c: float32 = 0
            for k in range(K):
                a: float32 = fifo_A[i, j].get()
                b: float32 = fifo_B[i, j].get()
                c += a * b
                fifo_A[i, j + 1].put(a)
                fifo_B[i + 1, j].put(b)
            C[i - 1, j - 1] = c
)");
  const Stmt& top = only(m);
  EXPECT_EQ(str(*top.decorators[0]), "df.region()");
  ASSERT_EQ(top.body.size(), 3u);
  EXPECT_EQ(top.body[0]->kind, StmtKind::AnnAssign);
  EXPECT_EQ(str(*top.body[1]->annotation), "Stream[float32, 4][P0, P1]");
  const Stmt& gemm = *top.body[2];
  ASSERT_EQ(gemm.kind, StmtKind::FunctionDef);
  EXPECT_EQ(str(*gemm.decorators[0]), "df.kernel(mapping=[P0, P1], args=[A, B, C])");
  ASSERT_EQ(gemm.body.size(), 4u);
  EXPECT_EQ(sexpr(gemm.body[0]->targets[0].get()), "(tuple i j)");
  const Stmt& metaIf = *gemm.body[1];
  EXPECT_EQ(metaIf.kind, StmtKind::With);
  EXPECT_EQ(sexpr(metaIf.names[0].expr.get()),
            "(call (. allo meta_if) (and (cmp i in (set 0 (+ M 1))) (cmp j in (set 0 (+ N 1)))))");
  const Stmt& put = *gemm.body[2]->body[0]->body[0];
  EXPECT_EQ(str(*put.value), "fifo_A[i, j + 1].put(A[i - 1, k])");
  EXPECT_EQ(put.loc.line, 13);
  const Stmt& drain = *gemm.body[3];
  EXPECT_EQ(drain.endLine, 22);
  EXPECT_EQ(top.endLine, 22);
}

TEST(ParserPrograms, OlderDataflowSpellingOfSection5) {
  Module m = parseText("@df.region()\n"
                       "def top():\n"
                       "    fifo_A = df.array(df.pipe(dtype=float32, depth=4), shape=(P0, P1))\n"
                       "    @df.kernel(mapping=[P0, P1])\n"
                       "    def gemm(A: float32[M, K]):\n"
                       "        a: float32 = fifo_A[i, j].get()\n");
  const Stmt& top = only(m);
  EXPECT_EQ(str(*top.body[0]->value), "df.array(df.pipe(dtype=float32, depth=4), shape=(P0, P1))");
  EXPECT_EQ(str(*top.body[1]->body[0]->value), "fifo_A[i, j].get()");
}

TEST(ParserPrograms, SystolicScheduleOfSection7) {
  Module m = parseText(R"(def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]

s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
pe = s.unfold("PE", axis=[0, 1], factor=[M, N])
s.partition(s.A, dim=0)
s.partition(s.B, dim=1)
s.partition(s.C, dim=[0, 1])
s.to(buf_A, pe, axis=0, depth=M + 1)
s.to(buf_B, pe, axis=1, depth=N + 1)
)");
  ASSERT_EQ(m.body.size(), 10u);
  for (const StmtPtr& s : m.body) {
    EXPECT_NE(s->kind, StmtKind::Unparsed);
    EXPECT_NE(s->kind, StmtKind::Skipped);
  }
  const Stmt& loop = *m.body[0]->body[0];
  EXPECT_EQ(str(*loop.iter), "allo.grid(M, N, name=\"PE\")");
  EXPECT_EQ(loop.endLine, 4);
  const Expr& unfold = *m.body[4]->value;
  EXPECT_EQ(unfold.keywords.size(), 2u);
  EXPECT_EQ(sexpr(unfold.keywords[1].value.get()), "(list M N)");
  const Expr& to = *m.body[8]->value;
  EXPECT_EQ(sexpr(to.keywords[1].value.get()), "(+ M 1)");
  EXPECT_EQ(m.body[9]->loc.line, 14);
}

TEST(ParserPrograms, CompositionOfSection7) {
  Module m = parseText(R"(def top(X: int8[M, K], W_A: int8[K, N], W_B: int8[N, K]) -> int8[M, K]:
    Y: int8[M, N] = 0
    Z: int8[M, K] = 0
    matmul(X, W_A, Y)
    matmul(Y, W_B, Z)
    return Z

s_top = allo.customize(top)
s_top.compose(s_matmul)
)");
  ASSERT_EQ(m.body.size(), 3u);
  const Stmt& top = *m.body[0];
  ASSERT_EQ(top.body.size(), 5u);
  EXPECT_EQ(top.body[2]->kind, StmtKind::Expr);
  EXPECT_EQ(str(*top.body[2]->value), "matmul(X, W_A, Y)");
  EXPECT_EQ(str(*m.body[2]->value), "s_top.compose(s_matmul)");
}

} // namespace
} // namespace polyallo::allo::parsertest
