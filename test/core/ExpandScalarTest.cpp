// Scalar expansion (core/ExpandScalar.h): the rewritten kernel computes what
// the original did, unblocks the schedule steps the shared scalar refused,
// and every illegal use is refused with a message naming the rule.
#include "core/ExpandScalar.h"
#include "codegen/Simulator.h"
#include "common/ErrorTesting.h"
#include "common/SimTesting.h"
#include "polyhedral/Model.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

namespace polyallo::core {
namespace {

using codegen::Buffer;
using testing::throwsError;

/// for i in range(8): t = A[i] * 2; for j in range(4): B[i, j] = t + j
std::unique_ptr<Module> perRowScalar() {
  auto m = std::make_unique<Module>("k");
  Function& f = m->function("k");
  Array A = f.arg("A", Int(32), {8});
  Array B = f.result("B", Int(32), {8, 4});
  Array t = f.scalar("t", Int(32));
  f.for_("i", 0, 8, [&](Expr i) {
    t() = A(i) * 2;
    f.for_("j", 0, 4, [&](Expr j) { B(i, j) = t() + j; });
  });
  return m;
}

/// The kernel's parameters after a run in program order.
std::vector<Buffer> simulate(const Module& m) {
  poly::ModuleModel model = poly::extract(m);
  return testing::runOnRandomInputs(model, m.top(), {}, 3);
}

/// The same under `s`, a schedule of `model` (extracted from `m`).
std::vector<Buffer> simulate(const Module& m, const poly::ModuleModel& model,
                             const poly::Schedule& s) {
  return testing::runOnRandomInputs(model, m.top(), s.trees(), 3);
}

poly::Step step(const std::string& primitive, std::vector<std::string> names) {
  poly::Step s;
  s.primitive = primitive;
  s.function = "k";
  s.names = std::move(names);
  return s;
}

TEST(ExpandScalar, TheScalarBecomesAnArrayOfTheTripCount) {
  auto m = perRowScalar();
  std::vector<Buffer> before = simulate(*m);
  expandScalar(*m, "k", "t", "i", {});
  auto t = m->top().findArray("t");
  ASSERT_EQ(t->rank(), 1u);
  EXPECT_EQ(t->typeStr(), "int32[8]");
  std::vector<Buffer> after = simulate(*m);
  EXPECT_TRUE(before == after);
}

TEST(ExpandScalar, OffsetAndStepIndexByTheIterationNumber) {
  auto build = [] {
    auto m = std::make_unique<Module>("k");
    Function& f = m->function("k");
    Array A = f.arg("A", Int(32), {12});
    Array B = f.result("B", Int(32), {12}, 0);
    Array t = f.scalar("t", Int(32));
    f.for_("i", 2, 12, 3, [&](Expr i) {
      t() = A(i) + 1;
      B(i) = t() * 3 + t();
    });
    return m;
  };
  auto m = build();
  std::vector<Buffer> before = simulate(*m);
  expandScalar(*m, "k", "t", "i", {});
  EXPECT_EQ(m->top().findArray("t")->typeStr(), "int32[4]"); // i = 2, 5, 8, 11
  EXPECT_TRUE(before == simulate(*m));
}

TEST(ExpandScalar, UnblocksParallelThatTheSharedScalarRefused) {
  auto m = perRowScalar();
  std::vector<Buffer> before = simulate(*m);
  {
    poly::ModuleModel model = poly::extract(*m);
    poly::Schedule s(model, "k");
    EXPECT_TRUE(throwsError([&] { s.apply(step("parallel", {"i"})); }, ErrorKind::IllegalSchedule,
                            {"scalar 't'"}));
  }
  expandScalar(*m, "k", "t", "i", {});
  poly::ModuleModel model = poly::extract(*m);
  poly::Schedule s(model, "k");
  s.apply(step("parallel", {"i"}));
  EXPECT_TRUE(before == simulate(*m, model, s));
}

TEST(ExpandScalar, UnblocksReorderThatTheSharedScalarRefused) {
  // for i in range(8): for j in range(4): t = A[i, j] * 2; B[i, j] = t + 1
  auto m = std::make_unique<Module>("k");
  Function& f = m->function("k");
  Array A = f.arg("A", Int(32), {8, 4});
  Array B = f.result("B", Int(32), {8, 4});
  Array t = f.scalar("t", Int(32));
  f.grid({"i", "j"}, {8, 4}, [&](Expr i, Expr j) {
    t() = A(i, j) * 2;
    B(i, j) = t() + 1;
  });
  std::vector<Buffer> before = simulate(*m);
  {
    poly::ModuleModel model = poly::extract(*m);
    poly::Schedule s(model, "k");
    EXPECT_TRUE(throwsError(
        [&] {
          s.apply(step("reorder", {"j", "i"}));
        },
        ErrorKind::IllegalSchedule, {"scalar 't'", "s.scalar_expand(s.t, "}));
  }
  // One copy per j: the iterations of i that share it keep their order.
  expandScalar(*m, "k", "t", "j", {});
  poly::ModuleModel model = poly::extract(*m);
  poly::Schedule s(model, "k");
  s.apply(step("reorder", {"j", "i"}));
  EXPECT_TRUE(before == simulate(*m, model, s));
}

TEST(ExpandScalar, RefusesWhatCannotBeExpanded) {
  SourceLoc here{"script.py", 7, 1};
  auto refused = [&](ErrorKind kind, const std::string& scalar, const std::string& loop,
                     const std::vector<std::string>& fragments) {
    auto m = perRowScalar();
    return throwsError([&] { expandScalar(*m, "k", scalar, loop, here); }, kind, fragments);
  };
  EXPECT_TRUE(refused(ErrorKind::UnknownName, "u", "i", {"no array 'u'", "local scalars are t"}));
  EXPECT_TRUE(refused(ErrorKind::InvalidSchedule, "A", "i", {"only a local scalar"}));
  EXPECT_TRUE(refused(ErrorKind::UnknownName, "t", "k", {"no loop 'k'", "loops are i, j"}));
  EXPECT_TRUE(refused(ErrorKind::InvalidSchedule, "t", "j", {"outside loop 'j'"}));
  auto e = testing::captureError([&] {
    auto m = perRowScalar();
    expandScalar(*m, "k", "t", "j", here);
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->loc().line, 7);
}

TEST(ExpandScalar, RefusesAValueCarriedAcrossIterations) {
  // acc = 0 outside the loop: the sum is needed after it.
  auto m = std::make_unique<Module>("k");
  Function& f = m->function("k");
  Array A = f.arg("A", Int(32), {8});
  Array B = f.result("B", Int(32), {1});
  Array acc = f.scalar("acc", Int(32), 0);
  f.for_("i", 0, 8, [&](Expr i) { acc() += A(i); });
  B(0) = acc();
  EXPECT_TRUE(throwsError([&] { expandScalar(*m, "k", "acc", "i", {}); },
                          ErrorKind::InvalidSchedule, {"outside loop 'i'", "initializer"}));

  // Read before it is written in each iteration.
  auto m2 = std::make_unique<Module>("k");
  Function& g = m2->function("k");
  Array C = g.arg("C", Int(32), {8});
  Array D = g.result("D", Int(32), {8});
  Array t = g.scalar("t", Int(32));
  g.for_("i", 0, 8, [&](Expr i) {
    D(i) = t();
    t() = C(i);
  });
  EXPECT_TRUE(throwsError([&] { expandScalar(*m2, "k", "t", "i", {}); }, ErrorKind::InvalidSchedule,
                          {"must set 't' before using it"}));
}

TEST(ExpandScalar, RefusesNonConstantBoundsAndDuplicateLoops) {
  auto m = std::make_unique<Module>("k");
  Expr n = m->param("N");
  Function& f = m->function("k");
  Array A = f.arg("A", Int(32), {n});
  Array t = f.scalar("t", Int(32));
  f.for_("i", 0, n, [&](Expr i) {
    t() = A(i);
    A(i) = t() + 1;
  });
  EXPECT_TRUE(throwsError([&] { expandScalar(*m, "k", "t", "i", {}); }, ErrorKind::InvalidSchedule,
                          {"constant bounds"}));

  auto m2 = std::make_unique<Module>("k");
  Function& g = m2->function("k");
  Array B = g.arg("B", Int(32), {4});
  Array u = g.scalar("u", Int(32));
  for (int r = 0; r < 2; ++r) {
    g.for_("i", 0, 4, [&](Expr i) {
      u() = B(i);
      B(i) = u() + 1;
    });
  }
  EXPECT_TRUE(throwsError([&] { expandScalar(*m2, "k", "u", "i", {}); }, ErrorKind::InvalidSchedule,
                          {"2 loops named 'i'", "unique"}));
}

} // namespace
} // namespace polyallo::core
