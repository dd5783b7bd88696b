// The CPU simulator end to end: emitted C for whole functions, run on
// buffers, compared with results computed by hand in the test.
#include "CodegenTesting.h"
#include "codegen/CEmitter.h"
#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using codegen::Buffer;
using codegen::Simulator;
using polyallo::testing::testOptions;
using polyallo::testing::throwsError;

TEST(Simulator, GemmMatchesAHandComputedProduct) {
  Module m("gemm");
  Expr N = m.param("N");
  Function& f = m.function("gemm");
  Array A = f.arg("A", Int(32), {N, N});
  Array B = f.arg("B", Int(32), {N, N});
  Array C = f.result("C", Int(32), {N, N}, 0);
  f.grid({"i", "j", "k"}, {N, N, N}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  // The loops carry their names into the C code.
  EXPECT_NE(sim.source().find("for (int64_t i = 0;"), std::string::npos) << sim.source();
  EXPECT_NE(sim.source().find("for (int64_t k = 0;"), std::string::npos);
  EXPECT_NE(sim.source().find("void gemm(int64_t N, int32_t* restrict A"), std::string::npos);

  const int64_t n = 3;
  Buffer a(Int(32), {n, n}), b(Int(32), {n, n}), c(Int(32), {n, n});
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      a.setDouble({i, j}, static_cast<double>(i + 2 * j));       // [[0 2 4] [1 3 5] [2 4 6]]
      b.setDouble({i, j}, static_cast<double>(i == j ? 1 : -1)); // 2I - ones
    }
  }
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("gemm", {{"N", n}}, {&a, &a, &c});
      },
      ErrorKind::InvalidArgument, {"same buffer", "'B'"}));
  c.setDouble({0, 0}, 99); // overwritten by the fill
  sim.run("gemm", {{"N", n}}, {&a, &b, &c});
  // C = A (2I - J) = 2A - rowsum(A): row sums 6, 9, 12.
  const double expected[3][3] = {{-6, -2, 2}, {-7, -3, 1}, {-8, -4, 0}};
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      EXPECT_EQ(c.getDouble({i, j}), expected[i][j]) << i << "," << j;
    }
  }
}

TEST(Simulator, StepTwoAndTriangularLoopsRun) {
  Module m("tri");
  Expr N = m.param("N");
  Function& f = m.function("tri");
  Array A = f.arg("A", Int(32), {N, N});
  Function::LoopOptions step2;
  step2.step = 2;
  f.for_("i", 0, N,
         [&](Expr i) { f.for_("j", 0, i + 1, step2, [&](Expr j) { A(i, j) = i * 10 + j + 1; }); });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  EXPECT_NE(sim.source().find("j += 2"), std::string::npos) << sim.source();
  const int64_t n = 5;
  Buffer a(Int(32), {n, n});
  sim.run("tri", {{"N", n}}, {&a});
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      double want = (j <= i && j % 2 == 0) ? static_cast<double>(i * 10 + j + 1) : 0.0;
      EXPECT_EQ(a.getDouble({i, j}), want) << i << "," << j;
    }
  }
}

TEST(Simulator, CallsBetweenFunctions) {
  Module m("calls");
  Expr N = m.param("N");
  Function& scale = m.function("scale");
  {
    Array X = scale.arg("X", Int(16), {N});
    Array Y = scale.arg("Y", Int(16), {N});
    scale.for_("i", 0, N, [&](Expr i) { Y(i) = X(i) * 3; });
  }
  Function& top = m.function("top");
  Array A = top.arg("A", Int(16), {N});
  Array T = top.local("T", Int(16), {N});
  Array B = top.result("B", Int(16), {N});
  top.call(scale, {A, T});
  top.call(scale, {T, B});
  m.setTop("top");
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  const std::string& c = sim.source();
  EXPECT_LT(c.find("\nvoid scale("), c.find("\nvoid top(")) << "callees are defined first";
  EXPECT_NE(c.find("scale(N, A, T);"), std::string::npos) << c;
  EXPECT_NE(c.find("scale(N, T, B);"), std::string::npos) << c;
  Buffer a(Int(16), {4}), b(Int(16), {4});
  const double in[4] = {1, -2, 4000, 0};
  for (size_t i = 0; i < 4; ++i) {
    a.setDouble(i, in[i]);
  }
  sim.run("top", {{"N", 4}}, {&a, &b});
  // 9 * x, wrapped to int16: 36000 - 65536 = -29536.
  EXPECT_EQ(b.getDouble(0), 9);
  EXPECT_EQ(b.getDouble(1), -18);
  EXPECT_EQ(b.getDouble(2), -29536);
  EXPECT_EQ(b.getDouble(3), 0);
}

TEST(Simulator, LocalArrayAndScalarAccumulator) {
  Module m("acc");
  Expr N = m.param("N");
  Function& f = m.function("norm2");
  Array A = f.arg("A", Float64(), {N});
  Array S = f.result("S", Float64(), {});
  Array sq = f.local("sq", Float64(), {N});
  Array acc = f.scalar("acc", Float64(), 0.0);
  f.for_("i", 0, N, [&](Expr i) { sq(i) = A(i) * A(i); });
  f.for_("k", 0, N, [&](Expr k) { acc() += sq(k); });
  S() = acc();
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  EXPECT_NE(sim.source().find("double acc[1] = {0};"), std::string::npos) << sim.source();
  EXPECT_NE(sim.source().find("calloc"), std::string::npos);
  EXPECT_NE(sim.source().find("free(sq);"), std::string::npos);
  const int64_t n = 100;
  Buffer a(Float64(), {n}), s(Float64(), {});
  a.fillRandom(11);
  sim.run("norm2", {{"N", n}}, {&a, &s});
  volatile double want = 0;
  for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
    volatile double x2 = a.getDouble(i) * a.getDouble(i);
    want = want + x2;
  }
  EXPECT_EQ(s.getDouble(0), want);
  // A second run starts from a fresh accumulator.
  sim.run("norm2", {{"N", n}}, {&a, &s});
  EXPECT_EQ(s.getDouble(0), want);
}

TEST(Simulator, DataDependentConditionsGuardStatements) {
  Module m("relu");
  Function& f = m.function("relu");
  Array A = f.arg("A", Float32(), {4});
  Array B = f.result("B", Float32(), {4});
  f.for_("i", 0, 4, [&](Expr i) {
    f.ifElse(
        A(i) > 0.0, [&] { B(i) = A(i); }, [&] { B(i) = 0.0; });
  });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  Buffer a(Float32(), {4}), b(Float32(), {4});
  const double in[4] = {1.5, -2, 0, 3};
  for (size_t i = 0; i < 4; ++i) {
    a.setDouble(i, in[i]);
    b.setDouble(i, 77);
  }
  sim.run("relu", {}, {&a, &b});
  EXPECT_EQ(b.getDouble(0), 1.5);
  EXPECT_EQ(b.getDouble(1), 0);
  EXPECT_EQ(b.getDouble(2), 0);
  EXPECT_EQ(b.getDouble(3), 3);
}

TEST(Simulator, FixedPointConstantsAreConvertedToRaw) {
  Module m("fx");
  Function& f = m.function("fx");
  Array X = f.arg("X", Fixed(8, 4), {2});
  Array R = f.result("R", Fixed(8, 4), {2});
  Array Q = f.result("Q", Fixed(8, 4), {2});
  f.for_("i", 0, 2, [&](Expr i) {
    R(i) = X(i) + constant(3, Fixed(8, 4));        // the value 3: raw 48
    Q(i) = X(i) + constantFloat(0.3, Fixed(8, 4)); // floor(0.3 * 16) = 4: 0.25
  });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  Buffer x(Fixed(8, 4), {2}), r(Fixed(8, 4), {2}), q(Fixed(8, 4), {2});
  x.setDouble(0, 1);
  x.setDouble(1, 5.5);
  sim.run("fx", {}, {&x, &r, &q});
  EXPECT_EQ(r.getDouble(0), 4);
  EXPECT_EQ(r.getDouble(1), -7.5); // 8.5 wraps: raw 136 - 256 = -120
  EXPECT_EQ(q.getDouble(0), 1.25);
  EXPECT_EQ(q.getDouble(1), 5.75);
}

TEST(Simulator, AGivenScheduleIsUsed) {
  Module m("t");
  Expr N = m.param("N");
  Function& f = m.function("t");
  Array A = f.arg("A", Int(32), {N, N});
  f.grid({"i", "j"}, {N, N}, [&](Expr i, Expr j) { A(i, j) = A(i, j) * 2 + i - j; });
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fm = model.function("t");
  isl::ctx ctx = fm.context.ctx();
  isl::schedule_node n = isl::schedule::from_domain(fm.domain).root().child(0);
  n = n.insert_partial_schedule(
      isl::multi_union_pw_aff(ctx, "[N] -> [{ S0[i, j] -> [(j)] }, { S0[i, j] -> [(i)] }]"));
  n = n.insert_mark(poly::makeBandMark(ctx, {"S_j_i_0", {"j", "i"}, {}}));
  Simulator sim(model, testOptions(), {{"t", n.schedule()}});
  const std::string& c = sim.source();
  EXPECT_LT(c.find("for (int64_t j = 0;"), c.find("for (int64_t i = 0;")) << c;
  Buffer a(Int(32), {3, 3});
  a.fillRandom(9);
  Buffer before = a;
  sim.run("t", {{"N", 3}}, {&a});
  for (int64_t i = 0; i < 3; ++i) {
    for (int64_t j = 0; j < 3; ++j) {
      // int32 * 2 wraps like uint32 arithmetic; computed here with int64.
      int64_t v = static_cast<int64_t>(before.getDouble({i, j})) * 2 + i - j;
      auto wrapped = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
      EXPECT_EQ(a.getDouble({i, j}), wrapped);
    }
  }
  EXPECT_TRUE(throwsError(
      [&] {
        (void)codegen::emitC(model, {{"nope", n.schedule()}});
      },
      ErrorKind::UnknownName, {"nope", "t"}));
}

TEST(Simulator, NamesThatClashWithCAreRenamed) {
  Module m("clash");
  Expr P = m.param("double");
  Function& f = m.function("free");
  Array A = f.arg("exp", Int(32), {P});
  Array B = f.result("pa_wrap_s", Int(32), {P});
  f.for_("int", 0, P, [&](Expr i) { B(i) = A(i) + 1; });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  EXPECT_NE(
      sim.source().find(
          "void free_1(int64_t double_1, int32_t* restrict exp_1, int32_t* restrict upa_wrap_s)"),
      std::string::npos)
      << sim.source();
  Buffer a(Int(32), {2}), b(Int(32), {2});
  a.setDouble(1, 41);
  sim.run("free", {{"double", 2}}, {&a, &b});
  EXPECT_EQ(b.getDouble(0), 1);
  EXPECT_EQ(b.getDouble(1), 42);
}

TEST(Simulator, RunChecksParametersAndBuffers) {
  Module m("chk");
  Expr N = m.param("N");
  Function& f = m.function("f");
  Array A = f.arg("A", Float32(), {N, N * 2 + 1});
  Array B = f.result("B", Int(8), {N});
  f.for_("i", 0, N, [&](Expr i) { B(i) = cast(Int(8), A(i, i)); });
  poly::ModuleModel model = poly::extract(m);
  Simulator sim(model, testOptions());
  Buffer a(Float32(), {3, 7}), b(Int(8), {3});
  sim.run("f", {{"N", 3}}, {&a, &b}); // fine
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("g", {{"N", 3}}, {&a, &b});
      },
      ErrorKind::UnknownName, {"'g'", "f"}));
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("f", {}, {&a, &b});
      },
      ErrorKind::InvalidArgument, {"no value for module parameter 'N'"}));
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("f", {{"N", 0}}, {&a, &b});
      },
      ErrorKind::InvalidArgument, {"N = 0", ">= 1"}));
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("f", {{"N", 3}, {"M", 1}}, {&a, &b});
      },
      ErrorKind::InvalidArgument, {"'M' is not a module parameter"}));
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("f", {{"N", 3}}, {&a});
      },
      ErrorKind::InvalidArgument,
      {"1 buffer(s) given", "A: float32[N, ((N * 2) + 1)]", "B: int8[N]"}));
  Buffer wrongShape(Float32(), {3, 6});
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("f", {{"N", 3}}, {&wrongShape, &b});
      },
      ErrorKind::InvalidArgument, {"float32[3, 6]", "float32[3, 7]"}));
  Buffer wrongType(Float64(), {3, 7});
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("f", {{"N", 3}}, {&wrongType, &b});
      },
      ErrorKind::InvalidArgument, {"'A'", "float64[3, 7]"}));
  EXPECT_TRUE(throwsError(
      [&] {
        sim.run("f", {{"N", 3}}, {&a, nullptr});
      },
      ErrorKind::InvalidArgument, {"null"}));
}

TEST(Simulator, ExtentsEvaluateWithTheParameterValues) {
  Module m("e");
  Expr N = m.param("N");
  Expr M = m.param("M");
  std::map<std::string, int64_t> p = {{"N", 7}, {"M", 3}};
  EXPECT_EQ(codegen::evaluateExtent(N * 2 + M, p), 17);
  EXPECT_EQ(codegen::evaluateExtent(floordiv(N, 2), p), 3);
  EXPECT_EQ(codegen::evaluateExtent(max(N - M * 3, 1), p), 1);
  EXPECT_TRUE(throwsError(
      [&] {
        (void)codegen::evaluateExtent(N, {{"M", 1}});
      },
      ErrorKind::InvalidArgument, {"'N'"}));
}

} // namespace
} // namespace polyallo
