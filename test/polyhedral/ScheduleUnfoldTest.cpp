// unfold and to through the C++ API: the PEs and FIFOs the systolic GEMM's
// schedule builds, the CPU result unchanged (PEs run as threads), and the
// refusals (data shared between PEs, a statement outside the PE band).
#include "polyhedral/ScheduleTesting.h"
#include "polyhedral/Unfold.h"

namespace polyallo::testing {
namespace {

using core::Expr;

/// C[i, j] += A[i, k] * B[k, j] over a band "PE" (i, j, k); C is an argument.
void buildSystolicGemm(core::Module& m, int64_t M, int64_t N, int64_t K) {
  using namespace core;
  Function& f = m.function("mm");
  Array A = f.arg("A", Int(8), {M, K});
  Array B = f.arg("B", Int(8), {K, N});
  Array C = f.arg("C", Int(16), {M, N});
  f.grid(
      {"i", "j", "k"}, {M, N, K}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); }, {},
      "PE");
}

TEST(ScheduleUnfold, SystolicGemmHasOnePePerIterationAndARelayPerBuffer) {
  Program p("sys", [](core::Module& m) { buildSystolicGemm(m, 2, 3, 4); });
  poly::Schedule s(p.model, "mm");
  std::string bufA = s.bufferAt("A", "j");
  std::string bufB = s.bufferAt("B", "j");
  s.unfold("PE", {0, 1}, {2, 3});
  EXPECT_EQ(s.to(bufA, "PE", 1, 3), "A_buf_fifo");
  EXPECT_EQ(s.to(bufB, "PE", 0, 4), "B_buf_fifo");
  const poly::FunctionModel& fm = s.functionModel("mm");
  std::vector<poly::PeInstance> pes = poly::peInstances(fm, s.tree("mm"));
  ASSERT_EQ(pes.size(), 6u);
  EXPECT_EQ(pes[1].name, "PE_0_1");
  // A moves along j (2 FIFOs per row), B along i (1 per column).
  std::vector<poly::FifoLink> links = poly::fifoLinks(fm, pes);
  ASSERT_EQ(links.size(), 2u * 2 + 3u * 1);
  for (const poly::FifoLink& link : links) {
    EXPECT_GE(link.producer, 0) << link.str();
    EXPECT_GE(link.consumer, 0) << link.str();
  }
  EXPECT_EQ(fm.findArray("A_buf_fifo")->typeStr(), "Stream[int8, 3][2, 3]");
  expectSameResults(s);
}

TEST(ScheduleUnfold, PesThatShareAnElementAreRefusedWithBothInstances) {
  Program p("sys", [](core::Module& m) { buildSystolicGemm(m, 2, 2, 3); });
  poly::Schedule s(p.model, "mm");
  EXPECT_TRUE(throwsError(
      [&] {
        s.unfold("PE", {0, 1, 2});
      },
      ErrorKind::IllegalSchedule, {"writes C[", "PE_0_0_", "streams"}));
  EXPECT_TRUE(s.steps().empty());
  EXPECT_TRUE(throwsError([&] { s.unfold("PE", {0}, {3}); }, ErrorKind::InvalidArgument,
                          {"factor 3", "split(\"i\", 3)"}));
}

TEST(ScheduleUnfold, AStatementOutsideThePeBandIsRefused) {
  Program p("mm", [](core::Module& m) { buildIntGemm(m, "gemm", 4); });
  poly::Schedule s(p.model, "gemm");
  EXPECT_TRUE(throwsError([&] { s.unfold("i", {0}); }, ErrorKind::IllegalSchedule,
                          {"outside every unfolded band"}));
}

} // namespace
} // namespace polyallo::testing
