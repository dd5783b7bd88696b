// poly::Schedule::computeAt: a producer's nest joins its consumer's down to
// one of the consumer's loops; legal when no consumer iteration reads a
// value the producer computes later.
#include "ScheduleTesting.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using namespace polyallo::testing;
using codegen::LoopNode;

/// for i, j: B[i, j] = A[i, j] + 1      (band S_i_j_0, statement S0)
/// for i, j: C[i, j] = B[i, j + shift] * 2   (band S_i_j_1, statement S1)
/// B has one more column than C so the consumer may read ahead.
void buildProducerConsumer(Module& m, int64_t shift) {
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {6, 7});
  Array B = f.local("B", Int(32), {6, 7});
  Array C = f.result("C", Int(32), {6, 6});
  f.grid({"i", "j"}, {6, 7}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + 1; });
  f.grid({"i", "j"}, {6, 6}, [&](Expr i, Expr j) { C(i, j) = B(i, j + shift) * 2; });
}

/// The same with B and C square and the consumer reading B[i, j].
void buildSquareProducerConsumer(Module& m) {
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {6, 6});
  Array B = f.local("B", Int(32), {6, 6});
  Array C = f.result("C", Int(32), {6, 6});
  f.grid({"i", "j"}, {6, 6}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + 1; });
  f.grid({"i", "j"}, {6, 6}, [&](Expr i, Expr j) { C(i, j) = B(i, j) * 2; });
}

TEST(ScheduleComputeAt, AtTheInnerLoopMakesOneNest) {
  Program p("pc", buildSquareProducerConsumer);
  poly::Schedule s(p.model, "f");
  s.computeAt("S_i_j_0", "S_i_j_1:j"); // the producer named by its band
  EXPECT_EQ(loopNest(s), "# mark S_i_j_1\n"
                         "for i in range(0, 6):\n"
                         "  for j in range(0, 6):\n"
                         "    S0(i, j)\n"
                         "    S1(i, j)\n");
  EXPECT_EQ(s.steps().at(0).str(), "compute_at(\"S_i_j_0\", \"S_i_j_1:j\")");
  expectSameResults(s);
}

TEST(ScheduleComputeAt, ProducerNamedByOneOfItsLoops) {
  Program p("pc", buildSquareProducerConsumer);
  poly::Schedule s(p.model, "f");
  s.computeAt("S_i_j_0:i", "S_i_j_1:j");
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"i", "j"})) << nest.text();
  expectSameResults(s);
}

TEST(ScheduleComputeAt, AtTheOuterLoopKeepsTheProducersInnerLoop) {
  Program p("pc", buildSquareProducerConsumer);
  poly::Schedule s(p.model, "f");
  s.computeAt("S_i_j_0", "S_i_j_1:i");
  EXPECT_EQ(loopNest(s), "# mark S_i_j_1\n"
                         "for i in range(0, 6):\n"
                         "  # mark S_i_j_0\n"
                         "  for j in range(0, 6):\n"
                         "    S0(i, j)\n"
                         "  # mark S_i_j_1_inner\n"
                         "  for j in range(0, 6):\n"
                         "    S1(i, j)\n");
  expectSameResults(s);
}

TEST(ScheduleComputeAt, ReadingAheadOfTheProducerIsRefused) {
  // C[i, j] reads B[i, j + 1], which a fused j loop computes one iteration later.
  Program p("ahead", [](Module& m) { buildProducerConsumer(m, 1); });
  poly::Schedule s(p.model, "f");
  isl::schedule before = s.tree();
  EXPECT_TRUE(throwsError([&] { s.computeAt("S_i_j_0", "S_i_j_1:j"); }, ErrorKind::IllegalSchedule,
                          {"compute_at(\"S_i_j_0\", \"S_i_j_1:j\") is illegal", "flow dependence",
                           "S0[", "-> S1[", "on B[", "the schedule is unchanged"}));
  EXPECT_TRUE(plainEqual(s.tree(), before));
  EXPECT_TRUE(s.steps().empty());
}

TEST(ScheduleComputeAt, ReadingAheadIsLegalAtTheOuterLoop) {
  // At i, the producer computes a whole row of B before the consumer reads it.
  Program p("ahead", [](Module& m) { buildProducerConsumer(m, 1); });
  poly::Schedule s(p.model, "f");
  s.computeAt("S_i_j_0", "S_i_j_1:i");
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"i", "j", "j"})) << nest.text();
  expectSameResults(s);
}

TEST(ScheduleComputeAt, ConsumerBeforeProducerOrItselfIsRefused) {
  Program p("pc", buildSquareProducerConsumer);
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { s.computeAt("S_i_j_1", "S_i_j_0:j"); }, ErrorKind::InvalidSchedule,
                          {"producer's band S_i_j_1 comes after the consumer's band S_i_j_0"}));
  EXPECT_TRUE(throwsError([&] { s.computeAt("S_i_j_1", "S_i_j_1:j"); }, ErrorKind::InvalidSchedule,
                          {"are not side by side"}));
  EXPECT_TRUE(throwsError([&] { s.computeAt("S_i_j_0", "j"); }, ErrorKind::InvalidSchedule,
                          {"2 loops named 'j'", "\"S_i_j_0:j\" or \"S_i_j_1:j\""}));
  EXPECT_TRUE(s.steps().empty());
}

TEST(ScheduleComputeAt, DeeperThanTheProducerIsRefused) {
  Program p("pc", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {4});
    Array B = f.local("B", Int(32), {4});
    Array C = f.result("C", Int(32), {4, 4});
    f.for_("x", 0, 4, [&](Expr x) { B(x) = A(x) + 1; });
    f.grid({"i", "j"}, {4, 4}, [&](Expr i, Expr j) { C(i, j) = B(i) * j; });
  });
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { s.computeAt("x", "j"); }, ErrorKind::InvalidSchedule,
                          {"fuses 2 loops", "has only 1 (x)", "choose an outer loop"}));
  s.computeAt("x", "i");
  EXPECT_EQ(Nest(s).iterators(), (Names{"i", "j"}));
  expectSameResults(s);
}

TEST(ScheduleComputeAt, TheJoinedNestTakesLaterPrimitives) {
  Program p("pc", buildSquareProducerConsumer);
  poly::Schedule s(p.model, "f");
  s.computeAt("S_i_j_0", "S_i_j_1:j").split("i", 4).pipeline("j");
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"i_outer", "i_inner", "j"})) << nest.text();
  EXPECT_EQ(nest.loop("j")->attrs.pipelineII, 1);
  expectSameResults(s);
}

} // namespace
} // namespace polyallo
