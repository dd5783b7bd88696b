// poly::Schedule as a whole: loop names and their qualified spellings, the
// step log (Step::str, replay of every prefix), source locations of
// refusals, and compose (a sub-kernel's schedule replayed on its callee).
#include "ScheduleTesting.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using namespace polyallo::testing;

/// for i, j: B[i, j] = A[i, j] + 1; for i, j: C[i, j] = B[i, j] * 2
/// (bands S_i_j_0 and S_i_j_1 of function "f").
void buildProducerConsumer(Module& m) {
  Function& f = m.function("f");
  Array A = f.arg("A", Int(32), {8, 8});
  Array B = f.local("B", Int(32), {8, 8});
  Array C = f.result("C", Int(32), {8, 8});
  f.grid({"i", "j"}, {8, 8}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + 1; });
  f.grid({"i", "j"}, {8, 8}, [&](Expr i, Expr j) { C(i, j) = B(i, j) * 2; });
}

// ---- names -------------------------------------------------------------------

TEST(ScheduleNames, UnknownFunctionIsRefused) {
  Program p("pc", buildProducerConsumer);
  EXPECT_TRUE(
      throwsError([&] { poly::Schedule s(p.model, "g"); }, ErrorKind::UnknownName, {"'g'", "f"}));
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { (void)s.tree("g"); }, ErrorKind::UnknownName, {"'g'"}));
  EXPECT_TRUE(throwsError([&] { s.split("g:i", 2); }, ErrorKind::UnknownName,
                          {"no loop 'i' in a band 'g'"}));
}

TEST(ScheduleNames, RepeatedLoopNamesAreQualifiedByBandOrFunction) {
  Program p("pc", buildProducerConsumer);
  poly::Schedule s(p.model, "f");
  EXPECT_TRUE(throwsError([&] { s.pipeline("j"); }, ErrorKind::InvalidSchedule,
                          {"2 loops named 'j'", "\"S_i_j_0:j\" or \"S_i_j_1:j\""}));
  s.pipeline("S_i_j_0:j", 2).unroll("f:S_i_j_1:j", 4);
  Nest nest(s);
  ASSERT_EQ(nest.iterators(), (Names{"i", "j", "i", "j"}));
  EXPECT_NE(nest.text().find("# mark S_i_j_0\nfor i in range(0, 8):\n"
                             "  for j in range(0, 8):  # pipeline II=2\n"),
            std::string::npos)
      << nest.text();
  EXPECT_NE(nest.text().find("# mark S_i_j_1\nfor i in range(0, 8):\n"
                             "  for j in range(0, 8):  # unroll 4\n"),
            std::string::npos)
      << nest.text();
  EXPECT_TRUE(throwsError([&] { s.split("a:b:c:i", 2); }, ErrorKind::InvalidArgument,
                          {"is not a loop name", "\"func:band:i\""}));
}

TEST(ScheduleNames, RefusalPointsAtTheCallSite) {
  Program p("pc", buildProducerConsumer);
  poly::Schedule s(p.model, "f");
  int line = __LINE__ + 1;
  std::optional<Error> e = captureError([&] { s.split("S_i_j_0:i", 0); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->loc().line, line);
  EXPECT_NE(e->loc().file.find("ScheduleTest.cpp"), std::string::npos) << e->loc().str();
}

// ---- the step log --------------------------------------------------------------

TEST(ScheduleLog, StepsSpellTheirCalls) {
  Program p("pc", buildProducerConsumer);
  poly::Schedule s(p.model, "f");
  s.split("S_i_j_0:i", 4)
      .split("S_i_j_0:j", 3, poly::Tail::Shrink)
      .reorder({"S_i_j_0:j.outer", "S_i_j_0:i.inner"})
      .fuse({"S_i_j_1:i", "S_i_j_1:j"})
      .pipeline("i_j_fused", 2)
      .pipeline("S_i_j_0:i.outer", 1, true)
      .unroll("S_i_j_0:j.inner")
      .unroll("S_i_j_0:j.outer", 2)
      .parallel("S_i_j_0:i.outer")
      .dataflow("f")
      .inlineFunction();
  std::vector<std::string> spelled;
  for (const poly::Step& step : s.steps()) {
    spelled.push_back(step.str());
    EXPECT_EQ(step.function, "f");
    EXPECT_NE(step.loc.file.find("ScheduleTest.cpp"), std::string::npos) << step.loc.str();
  }
  EXPECT_EQ(spelled, (Names{
                         "split(\"S_i_j_0:i\", 4)",
                         "split(\"S_i_j_0:j\", 3, tail=\"shrink\")",
                         "reorder(\"S_i_j_0:j.outer\", \"S_i_j_0:i.inner\")",
                         "fuse(\"S_i_j_1:i\", \"S_i_j_1:j\")",
                         "pipeline(\"i_j_fused\", initiation_interval=2)",
                         "pipeline(\"S_i_j_0:i.outer\", initiation_interval=1, rewind=True)",
                         "unroll(\"S_i_j_0:j.inner\", 0)",
                         "unroll(\"S_i_j_0:j.outer\", 2)",
                         "parallel(\"S_i_j_0:i.outer\")",
                         "dataflow(\"f\")",
                         "inline(\"f\")",
                     }));
  expectSameResults(s);
}

/// What a step leaves behind: isl's tree text (mark names) and the loop nest
/// text (loop names and attributes from the marks' payloads) of every function.
std::string snapshot(const poly::Schedule& s) {
  std::string out;
  for (const auto& [name, scheduled] : s.trees()) {
    out += name + ":\n" + treeText(scheduled.tree) + "\n" + loopNest(s, name);
  }
  return out;
}

TEST(ScheduleLog, ReplayRebuildsEveryPrefix) {
  Program p("pc", buildProducerConsumer);
  poly::Schedule s(p.model, "f");
  std::vector<std::string> after = {snapshot(s)};
  auto record = [&](const std::function<void()>& step) {
    step();
    after.push_back(snapshot(s));
  };
  record([&] { s.computeAt("S_i_j_0", "S_i_j_1:i"); });
  record([&] { s.split("i", 4, poly::Tail::Shrink); });
  record([&] { s.pipeline("S_i_j_0:j", 2); });
  record([&] { s.reorder({"i.inner", "i.outer"}); });
  record([&] { s.split("S_i_j_1_inner:j", 4); });
  record([&] { s.unroll("S_i_j_1_inner:j.inner", 2); });
  record([&] { s.parallel("i.outer"); });
  record([&] { s.dataflow("f"); });
  ASSERT_EQ(s.steps().size(), 8u);
  ASSERT_EQ(after.size(), 9u);
  for (size_t n = 0; n <= s.steps().size(); ++n) {
    poly::Schedule r = s.replay(n);
    EXPECT_EQ(r.steps().size(), n);
    EXPECT_EQ(snapshot(r), after[n]) << "after " << n << " steps";
  }
  EXPECT_EQ(snapshot(s.replay(100)), snapshot(s)) << "replay stops at the last step";
  EXPECT_TRUE(plainEqual(s.replay(0).tree(), p.model.function("f").schedule));
  expectSameResults(s);
}

// ---- compose -------------------------------------------------------------------

/// `mm` (an int32 gemm of 4 x 4 with C = 0 first) called twice by `top`:
/// T = X * Y, Z = T * Y.
void buildTwoMatmuls(Module& m) {
  buildIntGemm(m, "mm", 4);
  Function& top = m.function("top");
  Array X = top.arg("X", Int(32), {4, 4});
  Array Y = top.arg("Y", Int(32), {4, 4});
  Array T = top.local("T", Int(32), {4, 4});
  Array Z = top.result("Z", Int(32), {4, 4});
  top.call(*m.findFunction("mm"), {X, Y, T});
  top.call(*m.findFunction("mm"), {T, Y, Z});
  m.setTop("top");
}

TEST(ScheduleCompose, SubScheduleAppliesToTheCallee) {
  Program p("two", buildTwoMatmuls);
  poly::Schedule sub(p.model, "mm");
  sub.reorder({"k", "j"}).pipeline("j");
  poly::Schedule top(p.model, "top");
  top.compose(sub);
  Nest nest(top, "mm");
  EXPECT_EQ(nest.iterators(), (Names{"C_init0", "C_init1", "i", "k", "j"})) << nest.text();
  EXPECT_EQ(nest.loop("j")->attrs.pipelineII, 1);
  EXPECT_EQ(loopNest(top, "mm"), loopNest(sub, "mm"));
  EXPECT_TRUE(plainEqual(top.tree("top"), p.model.function("top").schedule));
  ASSERT_EQ(top.steps().size(), 2u);
  EXPECT_EQ(top.steps()[0].str(), "reorder(\"k\", \"j\")");
  EXPECT_EQ(top.steps()[0].function, "mm");
  expectSameResults(top); // both calls run the reordered mm
}

TEST(ScheduleCompose, QualifiedNamesFollowTheTarget) {
  Program p("pair", [](Module& m) {
    buildIntGemm(m, "mm8", 8);
    buildIntGemm(m, "mm4", 4);
  });
  poly::Schedule sub(p.model, "mm8");
  sub.pipeline("mm8:j", 2);
  poly::Schedule s(p.model, "mm8");
  s.compose(sub, "mm4");
  EXPECT_EQ(Nest(s, "mm4").loop("j")->attrs.pipelineII, 2);
  EXPECT_TRUE(plainEqual(s.tree("mm8"), p.model.function("mm8").schedule));
  ASSERT_EQ(s.steps().size(), 1u);
  EXPECT_EQ(s.steps()[0].names, (Names{"mm4:j"}));
}

TEST(ScheduleCompose, StepThatDoesNotFitIsRefusedAndRolledBack) {
  Program p("pair", [](Module& m) {
    buildIntGemm(m, "mm8", 8);
    buildIntGemm(m, "mm4", 4);
  });
  poly::Schedule sub(p.model, "mm8");
  sub.reorder({"k", "j"}).split("k", 8); // k has 8 iterations in mm8, 4 in mm4
  poly::Schedule s(p.model, "mm8");
  s.unroll("k", 2);
  EXPECT_TRUE(
      throwsError([&] { s.compose(sub, "mm4"); }, ErrorKind::InvalidArgument,
                  {"compose: step split(\"k\", 8) of the schedule of 'mm8'", "ScheduleTest.cpp",
                   "does not apply to 'mm4'", "split factor 8", "4 iterations"}));
  // The reorder that did apply is undone with the rest.
  EXPECT_TRUE(plainEqual(s.tree("mm4"), p.model.function("mm4").schedule));
  ASSERT_EQ(s.steps().size(), 1u);
  EXPECT_EQ(s.steps()[0].primitive, "unroll");
}

TEST(ScheduleCompose, TargetWithoutTheLoopIsRefused) {
  Program p("two", buildTwoMatmuls);
  poly::Schedule sub(p.model, "mm");
  sub.split("k", 2);
  poly::Schedule top(p.model, "top");
  EXPECT_TRUE(throwsError([&] { top.compose(sub, "top"); }, ErrorKind::UnknownName,
                          {"compose: step split(\"k\", 2) of the schedule of 'mm'",
                           "does not apply to 'top'", "no loop 'k'"}));
  EXPECT_TRUE(throwsError([&] { top.compose(sub, "nope"); }, ErrorKind::UnknownName,
                          {"no function 'nope'"}));
  EXPECT_TRUE(top.steps().empty());
}

TEST(ScheduleCompose, ScheduleOfAnotherModuleIsRefused) {
  Program a("a", buildTwoMatmuls), b("b", buildTwoMatmuls);
  poly::Schedule sub(b.model, "mm");
  sub.reorder({"k", "j"});
  poly::Schedule top(a.model, "top");
  EXPECT_TRUE(throwsError([&] { top.compose(sub); }, ErrorKind::InvalidArgument, {"same module"}));
  EXPECT_TRUE(top.steps().empty());
}

} // namespace
} // namespace polyallo
