// reuse_at: the window's dimension, width and stride from isl's box of the
// footprint, the shift and load nests, chains, the CPU result unchanged,
// and the refusals the C++ API reaches.
#include "polyhedral/ScheduleTesting.h"

namespace polyallo::testing {
namespace {

using core::Expr;

/// B[y, x] = A[y * stride, x] + A[y * stride + 1, x] + A[y * stride + 2, x]
void buildBlurY(core::Module& m, int64_t rows, int64_t cols, int64_t stride) {
  using namespace core;
  Function& f = m.function("blur");
  Array A = f.arg("A", Int(32), {(rows - 1) * stride + 3, cols});
  Array B = f.result("B", Int(32), {rows, cols});
  f.grid({"y", "x"}, {rows, cols}, [&](Expr y, Expr x) {
    B(y, x) = A(y * stride, x) + A(y * stride + 1, x) + A(y * stride + 2, x);
  });
}

TEST(ScheduleReuseAt, LineBufferHoldsThreeRowsAndShiftsOneRowPerIteration) {
  Program p("blur", [](core::Module& m) { buildBlurY(m, 6, 10, 1); });
  poly::Schedule s(p.model, "blur");
  EXPECT_EQ(s.reuseAt("A", "y"), "A_reuse");
  EXPECT_EQ(s.functionModel("blur").buffers[0]->typeStr(), "int32[3, 10]");
  std::string nest = loopNest(s);
  // Later iterations shift two rows up and load one; the first loads three.
  EXPECT_NE(nest.find("for y_shift in range(0, 2):"), std::string::npos) << nest;
  EXPECT_NE(nest.find("for y_load in range(0, 3):"), std::string::npos) << nest;
  expectSameResults(s);
}

TEST(ScheduleReuseAt, StrideTwoShiftsTwoRowsAndLoadsTwo) {
  Program p("blur", [](core::Module& m) { buildBlurY(m, 5, 7, 2); });
  poly::Schedule s(p.model, "blur");
  s.reuseAt("A", "y");
  std::string nest = loopNest(s);
  EXPECT_NE(nest.find("for y_load in range(1, 3):"), std::string::npos) << nest;
  expectSameResults(s);
}

TEST(ScheduleReuseAt, WindowOfTheLineBufferAndLaterSteps) {
  Program p("box", [](core::Module& m) {
    using namespace core;
    Function& f = m.function("box");
    Array A = f.arg("A", Int(32), {8, 9});
    Array B = f.result("B", Int(32), {6, 7});
    f.grid({"y", "x"}, {6, 7},
           [&](Expr y, Expr x) { B(y, x) = A(y, x) + A(y + 1, x + 1) * 2 + A(y + 2, x + 2) * 3; });
  });
  poly::Schedule s(p.model, "box");
  std::string line = s.reuseAt("A", "y");
  EXPECT_EQ(s.reuseAt(line, "x"), "A_reuse_reuse");
  EXPECT_EQ(s.functionModel("box").buffers[1]->typeStr(), "int32[3, 3]");
  s.pipeline("x");
  s.unroll("A_reuse_reuse_shift:d0_shift");
  expectSameResults(s);
  EXPECT_EQ(loopNest(s.replay(s.steps().size())), loopNest(s));
}

TEST(ScheduleReuseAt, FootprintWithoutAConstantBoxIsRefusedAndNothingChanges) {
  // for i in range(N): for j in range(i): B[i] += A[i + j]  (the window grows with N)
  Program p("tri", [](core::Module& m) {
    using namespace core;
    Expr n = m.param("N");
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {n * 2});
    Array B = f.arg("B", Int(32), {n});
    f.for_("i", 0, n, [&](Expr i) { f.for_("j", 0, i, [&](Expr j) { B(i) += A(i + j); }); });
  });
  poly::Schedule s(p.model, "k");
  isl::schedule before = s.tree();
  EXPECT_TRUE(throwsError([&] { s.reuseAt("A", "i"); }, ErrorKind::InvalidSchedule,
                          {"reuse_at(A, \"i\")", "no box of constant size"}));
  EXPECT_TRUE(plainEqual(before, s.tree()));
  EXPECT_TRUE(s.steps().empty());
  EXPECT_TRUE(s.functionModel("k").buffers.empty());
}

} // namespace
} // namespace polyallo::testing
