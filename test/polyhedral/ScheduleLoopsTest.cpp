// poly::Schedule's loop primitives (split, reorder, tile, fuse): the loop
// nest each produces, the results on the CPU simulator (bit-identical to
// the unscheduled program), and the refusals with their ErrorKinds.
#include "ScheduleTesting.h"
#include "common/Kernels.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using namespace polyallo::testing;
using codegen::LoopNode;

// ---- split -----------------------------------------------------------------

TEST(ScheduleSplit, DivisibleFactorGivesTwoConstantLoops) {
  Program p("v", [](Module& m) { buildAffine1d(m, "f", 0, 16); });
  poly::Schedule s(p.model, "f");
  s.split("i", 4);
  Nest nest(s);
  EXPECT_EQ(nest.text(), "# mark S_i_0\n"
                         "for i_outer in range(0, 4):\n"
                         "  for i_inner in range(0, 4):\n"
                         "    S0(4 * i_outer + i_inner)\n");
  ASSERT_EQ(nest.iterators(), (Names{"i_outer", "i_inner"}));
  EXPECT_EQ(constantRange(*nest.loop("i_outer")), range(0, 4));
  EXPECT_EQ(constantRange(*nest.loop("i_inner")), range(0, 4));
  EXPECT_EQ(nest.loop("i_inner")->attrs.guardTail, 0) << "4 divides 16: no tail to guard";
  EXPECT_EQ(nest.count(LoopNode::Kind::If), 0u);
  expectSameResults(s);
}

TEST(ScheduleSplit, GuardedTailKeepsFactorIterations) {
  Program p("v", [](Module& m) { buildAffine1d(m, "f", 0, 10); });
  poly::Schedule s(p.model, "f");
  s.split("i", 4); // Tail::Guard is the default
  Nest nest(s);
  ASSERT_EQ(nest.iterators(), (Names{"i_outer", "i_inner"}));
  EXPECT_EQ(constantRange(*nest.loop("i_outer")), range(0, 3));
  const LoopNode& inner = *nest.loop("i_inner");
  EXPECT_EQ(constantRange(inner), range(0, 4)) << nest.text();
  EXPECT_EQ(inner.attrs.guardTail, 4);
  // The body runs under the tail's guard: the only child of i.inner is an if.
  ASSERT_EQ(inner.children.size(), 1u) << nest.text();
  EXPECT_EQ(inner.children[0].kind, LoopNode::Kind::If) << nest.text();
  EXPECT_NE(nest.text().find("    if i_inner <= -4 * i_outer + 9:\n"
                             "      S0(4 * i_outer + i_inner)\n"),
            std::string::npos)
      << nest.text();
  expectSameResults(s);
}

TEST(ScheduleSplit, ShrinkTailBoundsTheInnerLoopByAMin) {
  Program p("v", [](Module& m) { buildAffine1d(m, "f", 0, 10); });
  poly::Schedule s(p.model, "f");
  s.split("i", 4, poly::Tail::Shrink);
  Nest nest(s);
  const LoopNode& inner = *nest.loop("i_inner");
  EXPECT_EQ(inner.attrs.guardTail, 0);
  EXPECT_FALSE(constantRange(inner).has_value()) << nest.text();
  codegen::AstExprPtr end = codegen::exclusiveUpperBound(inner);
  EXPECT_NE(codegen::str(end).find("min("), std::string::npos) << nest.text();
  EXPECT_EQ(nest.count(LoopNode::Kind::If), 0u) << nest.text();
  expectSameResults(s);
}

TEST(ScheduleSplit, LoopStartingAtOneCountsFromItsFirstValue) {
  Program p("v", [](Module& m) { buildAffine1d(m, "f", 1, 11); });
  poly::Schedule s(p.model, "f");
  s.split("i", 5); // 10 iterations: 2 x 5, no tail
  Nest nest(s);
  EXPECT_EQ(nest.text(), "# mark S_i_0\n"
                         "for i_outer in range(0, 2):\n"
                         "  for i_inner in range(0, 5):\n"
                         "    S0(5 * i_outer + i_inner + 1)\n");
  expectSameResults(s);
}

TEST(ScheduleSplit, LoopStartingAtOneWithATailStaysExact) {
  Program p("v", [](Module& m) { buildAffine1d(m, "f", 1, 11); });
  poly::Schedule s(p.model, "f");
  s.split("i", 4); // 10 iterations: 3 x 4, the last guarded
  Nest nest(s);
  EXPECT_EQ(constantRange(*nest.loop("i_outer")), range(0, 3));
  EXPECT_EQ(constantRange(*nest.loop("i_inner")), range(0, 4));
  EXPECT_EQ(nest.count(LoopNode::Kind::If), 1u) << nest.text();
  expectSameResults(s);
}

TEST(ScheduleSplit, FactorOutsideOneToTheTripCountIsRefused) {
  Program p("v", [](Module& m) { buildAffine1d(m, "f", 0, 16); });
  poly::Schedule s(p.model, "f");
  for (int64_t factor : {0, -2, 17}) {
    EXPECT_TRUE(throwsError(
        [&] { s.split("i", factor); }, ErrorKind::InvalidArgument,
        {"split factor " + std::to_string(factor), "16 iterations", "a factor from 1 to 16"}));
  }
  EXPECT_TRUE(s.steps().empty());
  EXPECT_TRUE(plainEqual(s.tree(), p.model.function("f").schedule));
  s.split("i", 16); // the whole trip count is fine
  EXPECT_EQ(s.steps().size(), 1u);
}

TEST(ScheduleSplit, UnknownLoopIsRefusedListingTheLoops) {
  Program p("e", [](Module& m) { buildElementwise(m, "f", 4, 4); });
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { s.split("k", 2); }, ErrorKind::UnknownName,
                          {"no loop 'k'", "its loops are i, j (band S_i_j_0)"}));
  EXPECT_TRUE(s.steps().empty());
}

// ---- reorder ---------------------------------------------------------------

TEST(ScheduleReorder, ReductionInterchangeKeepsFloatResultsExact) {
  // Kernels.h's gemm: float32, symbolic N. Each C[i, j] still sums over k in
  // order, so the float results are bit-identical.
  Program p("gemm", [](Module& m) { buildGemm(m, m.param("N")); });
  poly::Schedule s(p.model, "gemm");
  s.reorder({"k", "j"});
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"C_init0", "C_init1", "i", "k", "j"})) << nest.text();
  // The loops enumerate what they are named after: S1 still gets (i, j, k).
  EXPECT_NE(nest.text().find("  for k in range(0, N):\n"
                             "    for j in range(0, N):\n"
                             "      S1(i, j, k)\n"),
            std::string::npos)
      << nest.text();
  EXPECT_EQ(nest.loop("k")->band, "S_i_j_k_1");
  EXPECT_EQ(nest.loop("k")->bandMember, 1);
  expectSameResults(s, {{"N", 7}});
}

/// seidel-2d: A[i, j] = mean of its 3x3 neighbourhood, in place, over t.
void buildSeidel(Module& m) {
  Function& f = m.function("seidel");
  Array A = f.arg("A", Int(32), {8, 8});
  f.for_("t", 0, 3, [&](Expr) {
    f.for_("i", 1, 7, [&](Expr i) {
      f.for_("j", 1, 7, [&](Expr j) {
        A(i, j) = (A(i - 1, j - 1) + A(i - 1, j) + A(i - 1, j + 1) + A(i, j - 1) + A(i, j) +
                   A(i, j + 1) + A(i + 1, j - 1) + A(i + 1, j) + A(i + 1, j + 1)) /
                  9;
      });
    });
  });
}

TEST(ScheduleReorder, IllegalInterchangeIsRefusedWithAWitness) {
  Program p("seidel", buildSeidel);
  poly::Schedule s(p.model, "seidel");
  s.pipeline("j"); // a logged step before the refused ones
  isl::schedule before = s.tree();
  std::string nestBefore = loopNest(s);
  EXPECT_TRUE(throwsError(
      [&] {
        s.reorder({"j", "i"});
      },
      ErrorKind::IllegalSchedule,
      {"reorder(\"j\", \"i\") is illegal", "flow dependence", "S0[", "on A[",
       "the schedule is unchanged"}));
  EXPECT_TRUE(throwsError(
      [&] {
        s.reorder({"i", "t"});
      },
      ErrorKind::IllegalSchedule, {"reorder(\"i\", \"t\") is illegal", "dependence", "S0["}));
  EXPECT_TRUE(plainEqual(s.tree(), before));
  EXPECT_EQ(loopNest(s), nestBefore);
  ASSERT_EQ(s.steps().size(), 1u);
  EXPECT_EQ(s.steps()[0].primitive, "pipeline");
}

TEST(ScheduleReorder, LoopsOfDifferentBandsAreRefused) {
  Program p("two", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {8, 8});
    Array s = f.result("s", Int(32), {8});
    f.for_("i", 0, 8, [&](Expr i) {
      f.for_("j", 0, 8, [&](Expr j) { A(i, j) = A(i, j) + 1; });
      s(i) = A(i, 0);
    });
  });
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError(
      [&] {
        s.reorder({"j", "i"});
      },
      ErrorKind::InvalidSchedule,
      {"one perfectly nested band", "'j' is in band S_j_1", "'i' in band S_i_0"}));
  EXPECT_TRUE(s.steps().empty());
}

TEST(ScheduleReorder, NamingALoopTwiceIsRefused) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 4); });
  poly::Schedule s(p.model, "gemm");
  EXPECT_TRUE(throwsError(
      [&] {
        s.reorder({"k", "k"});
      },
      ErrorKind::InvalidArgument, {"names loop 'k' twice"}));
  EXPECT_TRUE(throwsError(
      [&] {
        s.reorder({"k", "S_i_j_k_1:k"});
      },
      ErrorKind::InvalidArgument, {"names loop 'k' twice"}));
  EXPECT_TRUE(s.steps().empty());
}

// ---- tile ------------------------------------------------------------------

TEST(ScheduleTile, OutersThenInners) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  s.tile("i", "j", 4, 2);
  Nest nest(s);
  EXPECT_EQ(nest.iterators(),
            (Names{"C_init0", "C_init1", "i_outer", "j_outer", "i_inner", "j_inner", "k"}))
      << nest.text();
  EXPECT_EQ(constantRange(*nest.loop("i_outer")), range(0, 2));
  EXPECT_EQ(constantRange(*nest.loop("j_outer")), range(0, 4));
  EXPECT_EQ(constantRange(*nest.loop("i_inner")), range(0, 4));
  EXPECT_EQ(constantRange(*nest.loop("j_inner")), range(0, 2));
  ASSERT_EQ(s.steps().size(), 1u) << "tile is one step";
  EXPECT_EQ(s.steps()[0].str(), "tile(\"i\", \"j\", 4, 2)");
  expectSameResults(s);
}

TEST(ScheduleTile, FactorsThatDoNotDivideGuardBothTails) {
  Program p("e", [](Module& m) { buildElementwise(m, "f", 6, 7); });
  poly::Schedule s(p.model, "f");
  s.tile("i", "j", 4, 3);
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"i_outer", "j_outer", "i_inner", "j_inner"}));
  EXPECT_EQ(nest.loop("i_inner")->attrs.guardTail, 4);
  EXPECT_EQ(nest.loop("j_inner")->attrs.guardTail, 3);
  EXPECT_EQ(constantRange(*nest.loop("j_inner")), range(0, 3)) << nest.text();
  expectSameResults(s);
}

TEST(ScheduleTile, InnerLoopFirstIsRefused) {
  Program p("e", [](Module& m) { buildElementwise(m, "f", 4, 4); });
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { s.tile("j", "i", 2, 2); }, ErrorKind::InvalidSchedule,
                          {"the first outside the second"}));
  EXPECT_TRUE(plainEqual(s.tree(), p.model.function("f").schedule))
      << "a refused tile leaves no half-done split behind";
}

// ---- fuse ------------------------------------------------------------------

TEST(ScheduleFuse, TwoLoopsBecomeOneOfTheProductTripCount) {
  Program p("e", [](Module& m) { buildElementwise(m, "f", 4, 8); });
  poly::Schedule s(p.model, "f");
  s.fuse({"i", "j"});
  Nest nest(s);
  EXPECT_EQ(nest.text(), "# mark S_i_j_0\n"
                         "for i_j_fused in range(0, 32):\n"
                         "  S0(i_j_fused // 8, i_j_fused % 8)\n");
  expectSameResults(s);
}

TEST(ScheduleFuse, LoopsWithNonZeroLowerBounds) {
  Program p("b", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {9, 9});
    Array B = f.result("B", Int(32), {9, 9});
    f.for_("i", 1, 7,
           [&](Expr i) { f.for_("j", 2, 9, [&](Expr j) { B(i, j) = A(i, j) * 3 + i - j; }); });
  });
  poly::Schedule s(p.model, "f");
  s.fuse({"i", "j"}); // 6 x 7
  Nest nest(s);
  ASSERT_EQ(nest.iterators(), (Names{"i_j_fused"}));
  EXPECT_EQ(constantRange(*nest.loop("i_j_fused")), range(0, 42));
  expectSameResults(s);
  s.split("i_j_fused", 5); // the fused loop is an ordinary loop
  EXPECT_EQ(Nest(s).iterators(), (Names{"i_j_fused_outer", "i_j_fused_inner"}));
  expectSameResults(s);
}

TEST(ScheduleFuse, LoopsThatAreNotConsecutiveAreRefused) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 4); });
  poly::Schedule s(p.model, "gemm");
  EXPECT_TRUE(throwsError(
      [&] {
        s.fuse({"i", "k"});
      },
      ErrorKind::InvalidSchedule,
      {"consecutive nested loops", "band S_i_j_k_1 has loops i, j, k"}));
  EXPECT_TRUE(throwsError(
      [&] {
        s.fuse({"j", "i"});
      },
      ErrorKind::InvalidSchedule, {"outermost first"}));
  EXPECT_TRUE(throwsError([&] { s.fuse({"i"}); }, ErrorKind::InvalidArgument, {"two or more"}));
  EXPECT_TRUE(s.steps().empty());
}

TEST(ScheduleFuse, TriangularNestIsRefused) {
  Program p("tri", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {8, 8});
    f.for_("i", 0, 8,
           [&](Expr i) { f.for_("j", i, 8, [&](Expr j) { A(i, j) = A(i, j) + i * j; }); });
  });
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError(
      [&] {
        s.fuse({"i", "j"});
      },
      ErrorKind::InvalidSchedule, {"do not span a rectangle"}));
  EXPECT_TRUE(s.steps().empty());
}

TEST(ScheduleFuse, ParametricBoundsAreRefused) {
  Program p("gemm", [](Module& m) { buildGemm(m, m.param("N")); });
  poly::Schedule s(p.model, "gemm");
  EXPECT_TRUE(throwsError(
      [&] {
        s.fuse({"i", "j"});
      },
      ErrorKind::InvalidSchedule, {"constant bounds", "depend on parameters"}));
}

} // namespace
} // namespace polyallo
