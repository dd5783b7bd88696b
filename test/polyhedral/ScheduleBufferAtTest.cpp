// buffer_at: the buffer's shape and offsets from isl's box of the footprint,
// the copy nests around the loop's body, the CPU result unchanged, later
// steps checked against the rewritten program, and the refusals.
#include "polyhedral/ScheduleTesting.h"

namespace polyallo::testing {
namespace {

using core::Expr;

TEST(ScheduleBufferAt, GemmRowOfTheResultIsLoadedComputedAndStored) {
  Program p("mm", [](core::Module& m) { buildIntGemm(m, "gemm", 8); });
  poly::Schedule s(p.model, "gemm");
  s.reorder({"k", "j"});
  EXPECT_EQ(s.bufferAt("C", "i"), "C_buf");
  s.pipeline("j");
  const poly::FunctionModel& fm = s.functionModel("gemm");
  ASSERT_EQ(fm.buffers.size(), 1u);
  EXPECT_EQ(fm.buffers[0]->typeStr(), "int32[8]");
  EXPECT_EQ(Nest(s).iterators(), (Names{"C_init0", "C_init1", "i", "j_init", "k", "j", "j_back"}));
  EXPECT_NE(loopNest(s).find("for j_init in range(0, 8):  # pipeline II=1"), std::string::npos)
      << loopNest(s);
  expectSameResults(s);
  // The extracted model is untouched: the rewrite belongs to the schedule.
  EXPECT_TRUE(p.model.function("gemm").buffers.empty());
}

TEST(ScheduleBufferAt, ReadOnlyInputGetsOnlyALoadAndOffsetsFollowTheLoops) {
  Program p("tile", [](core::Module& m) {
    using namespace core;
    Function& f = m.function("k");
    Array A = f.arg("A", Int(16), {8, 12});
    Array B = f.result("B", Int(16), {8, 12});
    f.grid({"i", "j"}, {8, 12}, [&](Expr i, Expr j) { B(i, j) = A(i, j) + A(i, (j + 1) % 12); });
  });
  poly::Schedule s(p.model, "k");
  s.split("i", 4);
  EXPECT_EQ(s.bufferAt("A", "i.outer"), "A_buf");
  EXPECT_EQ(s.functionModel("k").buffers[0]->typeStr(), "int16[4, 12]");
  std::string nest = loopNest(s);
  EXPECT_NE(nest.find("i_init"), std::string::npos) << nest;
  EXPECT_EQ(nest.find("_back"), std::string::npos) << "A is only read: " << nest;
  expectSameResults(s);
}

TEST(ScheduleBufferAt, LaterStepsAreCheckedAgainstTheRewrittenProgram) {
  Program p("mm", [](core::Module& m) { buildIntGemm(m, "gemm", 6); });
  poly::Schedule s(p.model, "gemm");
  s.reorder({"k", "j"});
  s.bufferAt("C", "i");
  // One buffer serves every iteration of i: i now carries its reuse.
  EXPECT_TRUE(throwsError([&] { s.parallel("i"); }, ErrorKind::IllegalSchedule, {"C_buf"}));
  s.split("j_init", 2);
  s.pipeline("j_init.inner");
  expectSameResults(s);
  // Every prefix of the log replays to the same trees.
  for (size_t n = 0; n <= s.steps().size(); ++n) {
    poly::Schedule r = s.replay(n);
    EXPECT_EQ(r.steps().size(), n);
  }
  EXPECT_EQ(loopNest(s.replay(s.steps().size())), loopNest(s));
}

TEST(ScheduleBufferAt, TwoBuffersInOneLoopGetDistinctNames) {
  Program p("mm", [](core::Module& m) { buildIntGemm(m, "gemm", 4); });
  poly::Schedule s(p.model, "gemm");
  EXPECT_EQ(s.bufferAt("A", "j"), "A_buf");
  EXPECT_EQ(s.bufferAt("B", "j"), "B_buf");
  // A again, one loop out: the load of A_buf now reads A_buf_1.
  EXPECT_EQ(s.bufferAt("A", "i"), "A_buf_1");
  EXPECT_NE(loopNest(s).find("k_init"), std::string::npos) << loopNest(s);
  expectSameResults(s);
}

TEST(ScheduleBufferAt, FootprintWithoutAConstantBoxIsRefused) {
  // for i in range(N): for j in range(i): B[i] += A[j]  (the row grows with N)
  Program p("tri", [](core::Module& m) {
    using namespace core;
    Expr n = m.param("N");
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {n});
    Array B = f.arg("B", Int(32), {n});
    f.for_("i", 0, n, [&](Expr i) { f.for_("j", 0, i, [&](Expr j) { B(i) += A(j); }); });
  });
  poly::Schedule s(p.model, "k");
  isl::schedule before = s.tree();
  EXPECT_TRUE(throwsError([&] { s.bufferAt("A", "i"); }, ErrorKind::InvalidSchedule,
                          {"buffer_at(A, \"i\")", "no box of constant size"}));
  EXPECT_TRUE(plainEqual(before, s.tree()));
  EXPECT_TRUE(s.steps().empty());
  EXPECT_TRUE(s.functionModel("k").buffers.empty());
  // Its own row is a box: one element of B per iteration.
  s.bufferAt("B", "i");
  expectSameResults(s, {{"N", 9}});
}

} // namespace
} // namespace polyallo::testing
