// Exact dependences, compared with relations written by hand.
#include "common/Kernels.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::testing;

/// Equality of two relations under the function's context (parameters >= 1).
void expectSameRelation(const poly::FunctionModel& fn, const isl::union_map& actual,
                        const std::string& expected) {
  isl::union_map want = isl::union_map(actual.ctx(), expected).intersect_params(fn.context);
  isl::union_map got = actual.intersect_params(fn.context);
  EXPECT_TRUE(got.is_equal(want)) << "got:      " << got << "\nexpected: " << want;
}

TEST(Dependences, GemmFlowAntiOutputAreExact) {
  Module m("gemm");
  buildGemm(m, m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("gemm");
  ASSERT_EQ(fn.statements.size(), 2u); // S0: C = 0, S1: C += A * B
  // The fill feeds k = 0; each k feeds k + 1 (last writer only).
  expectSameRelation(fn, fn.deps.flow,
                     "[N] -> { S0[a, b] -> S1[a, b, 0] : 0 <= a, b < N; "
                     "S1[i, j, k] -> S1[i, j, k + 1] : 0 <= i, j < N and 0 <= k < N - 1 }");
  // Every read of C[i, j] precedes every later write of it.
  expectSameRelation(fn, fn.deps.anti,
                     "[N] -> { S1[i, j, k] -> S1[i, j, k2] : 0 <= i, j < N and 0 <= k < k2 < N }");
  expectSameRelation(fn, fn.deps.output,
                     "[N] -> { S0[a, b] -> S1[a, b, k] : 0 <= a, b, k < N; "
                     "S1[i, j, k] -> S1[i, j, k2] : 0 <= i, j < N and 0 <= k < k2 < N }");
  // A and B come from outside; C's first read sees the fill, not the caller.
  isl::union_set liveArrays = fn.deps.liveIn.range();
  EXPECT_FALSE(
      liveArrays.extract_set(isl::space(fn.context.ctx(), "[N] -> { A[a, b] }")).is_empty());
  EXPECT_TRUE(
      liveArrays.extract_set(isl::space(fn.context.ctx(), "[N] -> { C[a, b] }")).is_empty());
}

TEST(Dependences, Jacobi2dFlowAntiOutputAreExact) {
  Module m("jacobi");
  buildJacobi2d(m, m.param("T"), m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("jacobi_2d");
  ASSERT_EQ(fn.statements.size(), 2u);
  // (i, j) is (i2, j2) or one of its four neighbours.
  const std::string near = "((i = i2 and j = j2) or (i = i2 and j = j2 - 1) or "
                           "(i = i2 and j = j2 + 1) or (i = i2 + 1 and j = j2) or "
                           "(i = i2 - 1 and j = j2))";
  const std::string inner = "1 <= i, j, i2, j2 <= N - 2";
  expectSameRelation(fn, fn.deps.flow,
                     "[T, N] -> { S0[t, i, j] -> S1[t, i2, j2] : 0 <= t < T and " + inner +
                         " and " + near +
                         "; S1[t, i, j] -> S0[t + 1, i2, j2] : 0 <= t < T - 1 and " + inner +
                         " and " + near + " }");
  // Memory-based: a read precedes every later write of the same element.
  expectSameRelation(fn, fn.deps.anti,
                     "[T, N] -> { S0[t, i2, j2] -> S1[t2, i, j] : 0 <= t <= t2 < T and " + inner +
                         " and " + near + "; S1[t, i2, j2] -> S0[t2, i, j] : 0 <= t < t2 < T and " +
                         inner + " and " + near + " }");
  expectSameRelation(
      fn, fn.deps.output,
      "[T, N] -> { S0[t, i, j] -> S0[t2, i, j] : 0 <= t < t2 < T and 1 <= i, j <= N - 2; "
      "S1[t, i, j] -> S1[t2, i, j] : 0 <= t < t2 < T and 1 <= i, j <= N - 2 }");
}

TEST(Dependences, ScalarAccumulatorIsAZeroDimensionalArray) {
  Module m("dot");
  Function& f = m.function("dot");
  Array x = f.arg("x", Int(32), {16});
  Array y = f.arg("y", Int(32), {16});
  Array out = f.result("out", Int(32), {});
  Array acc = f.scalar("acc", Int(32), 0);
  f.for_("i", 0, 16, [&](Expr i) { acc() += x(i) * y(i); });
  out() = acc();
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("dot");
  ASSERT_EQ(fn.statements.size(), 3u);
  expectSameRelation(fn, fn.deps.flow,
                     "{ S0[] -> S1[0]; S1[i] -> S1[i + 1] : 0 <= i < 15; S1[15] -> S2[] }");
  expectSameRelation(fn, fn.reads.intersect_range(isl::union_set(fn.context.ctx(), "{ acc[] }")),
                     "{ S1[i] -> acc[] : 0 <= i < 16; S2[] -> acc[] }");
}

TEST(Dependences, DataDependentGuardMakesAMayWrite) {
  Module m("relu");
  Function& f = m.function("relu");
  Array x = f.arg("x", Float32(), {8});
  Array y = f.result("y", Float32(), {8}, 0.0);
  f.for_("i", 0, 8, [&](Expr i) { f.if_(x(i) > 0.0, [&] { y(i) = x(i); }); });
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("relu");
  ASSERT_EQ(fn.statements.size(), 2u);
  EXPECT_EQ(fn.statements[1].guards.size(), 1u);
  // The guarded write may not happen: it is not a must-write, and y's
  // initial zeros may flow to the caller through it.
  expectSameRelation(fn, fn.mustWrites, "{ S0[i] -> y[i] : 0 <= i < 8 }");
  expectSameRelation(fn, fn.mayWrites,
                     "{ S0[i] -> y[i] : 0 <= i < 8; S1[i] -> y[i] : 0 <= i < 8 }");
  expectSameRelation(fn, fn.deps.output, "{ S0[i] -> S1[i] : 0 <= i < 8 }");
  // The guard's read of x is an access of the statement too.
  expectSameRelation(fn, fn.reads, "{ S1[i] -> x[i] : 0 <= i < 8 }");
}

TEST(Dependences, CallsAreSummarisedByTheCalleesFootprints) {
  Module m("two");
  Expr N = m.param("N");
  buildGemm(m, N);
  Function& top = m.function("top");
  Array X = top.arg("X", Float32(), {N, N});
  Array W = top.arg("W", Float32(), {N, N});
  Array Y = top.local("Y", Float32(), {N, N});
  Array Z = top.result("Z", Float32(), {N, N});
  top.call(*m.findFunction("gemm"), {X, W, Y});
  top.call(*m.findFunction("gemm"), {Y, W, Z});
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("top");
  ASSERT_EQ(fn.statements.size(), 2u);
  // gemm fills its C before reading it: the call does not read Y or Z.
  expectSameRelation(fn, fn.reads,
                     "[N] -> { S0[] -> X[a, b] : 0 <= a, b < N; S0[] -> W[a, b] : 0 <= a, b < N; "
                     "S1[] -> Y[a, b] : 0 <= a, b < N; S1[] -> W[a, b] : 0 <= a, b < N }");
  expectSameRelation(fn, fn.mustWrites,
                     "[N] -> { S0[] -> Y[a, b] : 0 <= a, b < N; S1[] -> Z[a, b] : 0 <= a, b < N }");
  expectSameRelation(fn, fn.deps.flow, "[N] -> { S0[] -> S1[] }");
  EXPECT_TRUE(fn.deps.anti.is_empty());
  EXPECT_TRUE(fn.deps.output.is_empty());
}

TEST(Dependences, OperationBudgetOverrunIsAUserErrorNamingTheComputation) {
  Module m("jacobi");
  buildJacobi2d(m, m.param("T"), m.param("N"));
  poly::ExtractOptions options;
  options.maxOperations = 50;
  try {
    (void)poly::extract(m, options);
    FAIL() << "expected an isl-quota error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::IslQuota);
    EXPECT_NE(e.message().find("jacobi_2d"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("operation budget"), std::string::npos) << e.message();
  }
}

} // namespace
} // namespace polyallo
