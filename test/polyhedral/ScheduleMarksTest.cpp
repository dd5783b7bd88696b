// poly::Schedule's marks (unroll, pipeline, parallel, dataflow, inline):
// attributes on loops that follow their loop through later splits and
// reorders, function-level marks, and the refusals. Marks never change the
// results.
#include "ScheduleTesting.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using namespace polyallo::testing;
using codegen::LoopNode;

// ---- unroll, pipeline --------------------------------------------------------

TEST(ScheduleMarks, PipelineAndUnrollAreAttributesOfTheirLoops) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  s.pipeline("j", 2).unroll("k", 4);
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"C_init0", "C_init1", "i", "j", "k"}));
  EXPECT_EQ(nest.loop("j")->attrs.pipelineII, 2);
  EXPECT_FALSE(nest.loop("j")->attrs.rewind);
  EXPECT_EQ(nest.loop("k")->attrs.unroll, 4);
  EXPECT_TRUE(nest.loop("i")->attrs.empty());
  EXPECT_NE(nest.text().find("  for j in range(0, 8):  # pipeline II=2\n"
                             "    for k in range(0, 8):  # unroll 4\n"),
            std::string::npos)
      << nest.text();
  expectSameResults(s);
}

TEST(ScheduleMarks, FullUnrollAndRewind) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 4); });
  poly::Schedule s(p.model, "gemm");
  s.unroll("k").pipeline("j", 1, true);
  Nest nest(s);
  EXPECT_EQ(nest.loop("k")->attrs.unroll, 0);
  EXPECT_EQ(nest.loop("j")->attrs.pipelineII, 1);
  EXPECT_TRUE(nest.loop("j")->attrs.rewind);
  EXPECT_NE(nest.text().find("# pipeline II=1 rewind\n"), std::string::npos) << nest.text();
  EXPECT_NE(nest.text().find("for k in range(0, 4):  # unroll\n"), std::string::npos)
      << nest.text();
}

TEST(ScheduleMarks, PipelineStaysOnTheInnerLoopOfALaterSplit) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  s.pipeline("j", 2).split("j", 4);
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"C_init0", "C_init1", "i", "j_outer", "j_inner", "k"}));
  EXPECT_EQ(nest.loop("j_inner")->attrs.pipelineII, 2) << nest.text();
  EXPECT_EQ(nest.loop("j_outer")->attrs.pipelineII, 0) << nest.text();
  expectSameResults(s);
}

TEST(ScheduleMarks, MarksMoveWithTheirLoopInALaterReorder) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  s.pipeline("j", 3).unroll("k", 2).reorder({"k", "j"});
  Nest nest(s);
  EXPECT_EQ(nest.iterators(), (Names{"C_init0", "C_init1", "i", "k", "j"}));
  EXPECT_NE(nest.text().find("  for k in range(0, 8):  # unroll 2\n"
                             "    for j in range(0, 8):  # pipeline II=3\n"
                             "      S1(i, j, k)\n"),
            std::string::npos)
      << nest.text();
  EXPECT_EQ(nest.loop("j")->attrs.pipelineII, 3) << nest.text();
  EXPECT_EQ(nest.loop("j")->attrs.unroll, -1) << nest.text();
  EXPECT_EQ(nest.loop("k")->attrs.unroll, 2) << nest.text();
  EXPECT_EQ(nest.loop("k")->attrs.pipelineII, 0) << nest.text();
  expectSameResults(s);
}

TEST(ScheduleMarks, InvalidIntervalsAndFactorsAreRefused) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  EXPECT_TRUE(throwsError([&] { s.pipeline("j", 0); }, ErrorKind::InvalidArgument,
                          {"initiation interval 0"}));
  EXPECT_TRUE(throwsError([&] { s.pipeline("j", -1); }, ErrorKind::InvalidArgument,
                          {"initiation interval -1"}));
  EXPECT_TRUE(throwsError([&] { s.unroll("k", 9); }, ErrorKind::InvalidArgument,
                          {"unroll factor 9", "8 iterations", "from 1 to 8"}));
  EXPECT_TRUE(
      throwsError([&] { s.unroll("k", -1); }, ErrorKind::InvalidArgument, {"unroll factor -1"}));
  EXPECT_TRUE(throwsError([&] { s.unroll("q", 2); }, ErrorKind::UnknownName,
                          {"no loop 'q'", "i, j, k (band S_i_j_k_1)"}));
  EXPECT_TRUE(s.steps().empty());
  EXPECT_TRUE(plainEqual(s.tree(), p.model.function("gemm").schedule));
  s.unroll("k", 8); // the whole trip count is fine
  EXPECT_EQ(Nest(s).loop("k")->attrs.unroll, 8);
}

TEST(ScheduleMarks, SplitRefusesToLeaveAnUnrollFactorLargerThanTheInnerLoop) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  s.unroll("k", 4);
  EXPECT_TRUE(throwsError([&] { s.split("k", 2); }, ErrorKind::InvalidSchedule,
                          {"would leave unroll factor 4 on k.inner of 2 iterations"}));
  EXPECT_EQ(s.steps().size(), 1u);
  s.split("k", 4);
  EXPECT_EQ(Nest(s).loop("k_inner")->attrs.unroll, 4);
  expectSameResults(s);
}

TEST(ScheduleMarks, FuseKeepsTheInnermostMarksAndRefusesToDropOuterOnes) {
  Program p("e", [](Module& m) { buildElementwise(m, "f", 4, 8); });
  poly::Schedule s(p.model, "f");
  s.pipeline("i");
  EXPECT_TRUE(throwsError(
      [&] {
        s.fuse({"i", "j"});
      },
      ErrorKind::InvalidSchedule, {"would drop the marks of 'i' (pipeline II=1)"}));
  poly::Schedule t(p.model, "f");
  t.pipeline("j", 2).fuse({"i", "j"});
  EXPECT_EQ(Nest(t).loop("i_j_fused")->attrs.pipelineII, 2);
  expectSameResults(t);
}

// ---- parallel ----------------------------------------------------------------

TEST(ScheduleParallel, LoopWithoutCarriedDependencesIsLegal) {
  Program p("e", [](Module& m) { buildElementwise(m, "f", 6, 5); });
  poly::Schedule s(p.model, "f");
  s.parallel("i");
  Nest nest(s);
  EXPECT_TRUE(nest.loop("i")->attrs.parallel);
  EXPECT_FALSE(nest.loop("j")->attrs.parallel);
  EXPECT_NE(nest.text().find("for i in range(0, 6):  # parallel\n"), std::string::npos)
      << nest.text();
  expectSameResults(s);
}

TEST(ScheduleParallel, ReductionLoopOfGemmIsRefused) {
  Program p("mm", [](Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  s.parallel("i").parallel("j"); // only k carries the reduction
  isl::schedule before = s.tree();
  EXPECT_TRUE(throwsError(
      [&] { s.parallel("k"); }, ErrorKind::IllegalSchedule,
      {"parallel(\"k\") is illegal", "carries the flow dependence", "S1[", "-> S1[", "on C["}));
  EXPECT_TRUE(plainEqual(s.tree(), before));
  EXPECT_EQ(s.steps().size(), 2u);
  expectSameResults(s);
}

TEST(ScheduleParallel, ScalarAccumulatorIsNamed) {
  // acc is one element shared by every iteration of i and of j.
  Program p("acc", [](Module& m) {
    Function& f = m.function("f");
    Array A = f.arg("A", Int(32), {8, 8});
    Array B = f.result("B", Int(32), {8});
    Array acc = f.scalar("acc", Int(32), 0);
    f.for_("i", 0, 8, [&](Expr i) {
      f.for_("j", 0, 8, [&](Expr j) { acc() += A(i, j); });
      B(i) = acc();
    });
  });
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { s.parallel("j"); }, ErrorKind::IllegalSchedule,
                          {"parallel(\"j\") is illegal", "dependence", "on acc[]",
                           "the scalar 'acc' is shared by every iteration"}));
  EXPECT_TRUE(throwsError([&] { s.parallel("i"); }, ErrorKind::IllegalSchedule,
                          {"parallel(\"i\") is illegal", "dependence", "on acc[]"}));
  EXPECT_TRUE(s.steps().empty());
}

/// A[i, j] = A[i - 1, j - dj] + 1 over 1 <= i, j < 8: i carries the
/// dependence; j carries none while i is outside it.
void buildDiagonal(Module& m, int64_t dj) {
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {8, 8});
  f.for_("i", 1, 8,
         [&](Expr i) { f.for_("j", 1, 8, [&](Expr j) { A(i, j) = A(i - 1, j - dj) + 1; }); });
}

TEST(ScheduleParallel, ReorderThatMakesAParallelLoopCarryIsRefused) {
  Program p("diag", [](Module& m) { buildDiagonal(m, 1); });
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { s.parallel("i"); }, ErrorKind::IllegalSchedule,
                          {"carries the flow dependence", "on A["}));
  s.parallel("j");
  // Distance (1, 1) is legal in either order, but with j outside j carries it.
  EXPECT_TRUE(throwsError(
      [&] {
        s.reorder({"j", "i"});
      },
      ErrorKind::IllegalSchedule, {"the parallel loop 'j' would carry the flow dependence"}));
  EXPECT_EQ(s.steps().size(), 1u);
  expectSameResults(s);
  poly::Schedule plain(p.model, "f");
  plain.reorder({"j", "i"}); // legal without the mark
  expectSameResults(plain);
}

TEST(ScheduleParallel, FusingIntoAParallelLoopIsChecked) {
  Program p("col", [](Module& m) { buildDiagonal(m, 0); });
  poly::Schedule s(p.model, "f");
  s.parallel("j"); // the fused loop would inherit it and carry i's dependence
  EXPECT_TRUE(throwsError(
      [&] {
        s.fuse({"i", "j"});
      },
      ErrorKind::IllegalSchedule, {"the parallel loop 'i_j_fused' would carry"}));
  EXPECT_EQ(s.steps().size(), 1u);
}

// ---- dataflow, inline ---------------------------------------------------------

/// `scale` (B[i] = A[i] * 3) called twice by `top`.
void buildTwoCalls(Module& m) {
  Function& scale = m.function("scale");
  {
    Array X = scale.arg("X", Int(32), {8});
    Array Y = scale.arg("Y", Int(32), {8});
    scale.for_("i", 0, 8, [&](Expr i) { Y(i) = X(i) * 3 + i; });
  }
  Function& top = m.function("top");
  Array A = top.arg("A", Int(32), {8});
  Array T = top.local("T", Int(32), {8});
  Array B = top.result("B", Int(32), {8});
  top.call(scale, {A, T});
  top.call(scale, {T, B});
  m.setTop("top");
}

TEST(ScheduleDataflow, FunctionMarksAreReadBack) {
  Program p("calls", buildTwoCalls);
  poly::Schedule s(p.model, "top");
  EXPECT_FALSE(s.isDataflow("top"));
  EXPECT_FALSE(s.isInline("scale"));
  s.dataflow("top").inlineFunction("scale");
  EXPECT_TRUE(s.isDataflow("top"));
  EXPECT_FALSE(s.isInline("top"));
  EXPECT_TRUE(s.isInline("scale"));
  EXPECT_FALSE(s.isDataflow("scale"));
  EXPECT_EQ(loopNest(s, "top").rfind("# mark dataflow\n", 0), 0u) << loopNest(s, "top");
  EXPECT_EQ(loopNest(s, "scale").rfind("# mark inline\n", 0), 0u) << loopNest(s, "scale");
  expectSameResults(s);
}

TEST(ScheduleDataflow, MarkingTwiceAddsOneMark) {
  Program p("calls", buildTwoCalls);
  poly::Schedule s(p.model, "top");
  s.dataflow("top").dataflow("top").inlineFunction().inlineFunction("top");
  EXPECT_TRUE(s.isInline("top")); // inlineFunction() marks the schedule's own function
  std::string text = loopNest(s, "top");
  EXPECT_EQ(text.find("# mark dataflow"), text.rfind("# mark dataflow")) << text;
  EXPECT_EQ(text.find("# mark inline"), text.rfind("# mark inline")) << text;
  EXPECT_EQ(s.steps().size(), 4u) << "every call is logged";
}

TEST(ScheduleDataflow, LoopLevelDataflowIsAnAttribute) {
  Program p("calls", buildTwoCalls);
  poly::Schedule s(p.model, "top");
  s.dataflow("scale:i"); // a loop of another function of the module
  EXPECT_FALSE(s.isDataflow("scale"));
  Nest nest(s, "scale");
  EXPECT_TRUE(nest.loop("i")->attrs.dataflow);
  EXPECT_NE(nest.text().find("for i in range(0, 8):  # dataflow\n"), std::string::npos)
      << nest.text();
  expectSameResults(s);
}

TEST(ScheduleInline, UnknownFunctionIsRefused) {
  Program p("calls", buildTwoCalls);
  poly::Schedule s(p.model, "top");
  EXPECT_TRUE(throwsError([&] { s.inlineFunction("nope"); }, ErrorKind::UnknownName,
                          {"no function 'nope'", "scale, top"}));
  EXPECT_TRUE(throwsError([&] { s.dataflow("nope"); }, ErrorKind::UnknownName, {"'nope'"}));
  EXPECT_TRUE(s.steps().empty());
}

} // namespace
} // namespace polyallo
