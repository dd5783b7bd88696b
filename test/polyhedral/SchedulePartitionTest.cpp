// poly::Schedule's partition: validated, logged (the trees stay as they
// are), replayed and composed; each refusal names the rule and leaves the
// schedule unchanged.
#include "ScheduleTesting.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using namespace polyallo::testing;
using poly::PartitionType;

/// gemm on n x n int32, a kernel with a scalar, and top calling gemm.
void buildModule(Module& m, int64_t n) {
  buildIntGemm(m, "gemm", n);
  Function& acc = m.function("acc");
  Array A = acc.arg("A", Int(32), {n});
  Array s = acc.scalar("s", Int(32), 0);
  Array R = acc.result("R", Int(32), {1});
  acc.for_("i", 0, n, [&](Expr i) { s() += A(i); });
  R(0) = s();
}

std::vector<std::string> stepTexts(const poly::Schedule& s) {
  std::vector<std::string> out;
  for (const poly::Step& step : s.steps()) {
    out.push_back(step.str());
  }
  return out;
}

TEST(SchedulePartition, LegalPartitionsAreLoggedAndLeaveTheTreesAsTheyAre) {
  Program p("m", [](Module& m) { buildModule(m, 8); });
  poly::Schedule s(p.model, "gemm");
  isl::schedule before = s.tree();
  s.partition("A", PartitionType::Cyclic, {2}, 4)
      .partition("gemm:B", PartitionType::Block, {1, 2}, 2)
      .partition("C", PartitionType::Complete, {0})
      .partition("acc:A", PartitionType::Cyclic, {0}, 8);
  EXPECT_EQ(stepTexts(s),
            (Names{"partition(\"A\", partition_type=Cyclic, dim=2, factor=4)",
                   "partition(\"gemm:B\", partition_type=Block, dim=[1, 2], factor=2)",
                   "partition(\"C\", partition_type=Complete, dim=0)",
                   "partition(\"acc:A\", partition_type=Cyclic, dim=0, factor=8)"}));
  EXPECT_EQ(s.steps()[0].function, "gemm");
  EXPECT_EQ(s.steps()[0].values, (std::vector<int64_t>{2, 4, 2}));
  EXPECT_TRUE(plainEqual(s.tree(), before));
  poly::Schedule again = s.replay(s.steps().size());
  EXPECT_EQ(stepTexts(again), stepTexts(s));
}

TEST(SchedulePartition, RepeatingAPartitionAndPartitioningOtherDimsIsAllowed) {
  Program p("m", [](Module& m) { buildModule(m, 8); });
  poly::Schedule s(p.model, "gemm");
  s.partition("A", PartitionType::Cyclic, {2}, 4)
      .partition("A", PartitionType::Block, {1}, 2)
      .partition("gemm:A", PartitionType::Cyclic, {2}, 4) // the same again: Allo's no-op
      .partition("C", PartitionType::Complete, {0, 1});   // a list holding 0: every dim
  EXPECT_EQ(s.steps().size(), 4u);
}

TEST(SchedulePartition, ComposeReplaysItOnTheCallee) {
  Program p("m", [](Module& m) {
    buildIntGemm(m, "mm", 4);
    Function& top = m.function("top");
    Array X = top.arg("X", Int(32), {4, 4});
    Array Z = top.result("Z", Int(32), {4, 4});
    top.call(*m.findFunction("mm"), {X, X, Z});
    m.setTop("top");
  });
  poly::Schedule sub(p.model, "mm");
  sub.partition("mm:A", PartitionType::Cyclic, {1}, 2).partition("B", PartitionType::Complete);
  poly::Schedule s(p.model, "top");
  s.compose(sub);
  ASSERT_EQ(s.steps().size(), 2u);
  EXPECT_EQ(s.steps()[0].str(), "partition(\"mm:A\", partition_type=Cyclic, dim=1, factor=2)");
  EXPECT_EQ(s.steps()[1].function, "mm");
}

/// `step` on a fresh gemm schedule with A partitioned cyclic(4) on dim 2 is
/// refused with `kind` and `fragments`, and leaves the one step logged.
::testing::AssertionResult refused(const std::function<void(poly::Schedule&)>& step, ErrorKind kind,
                                   const std::vector<std::string>& fragments) {
  Program p("m", [](Module& m) { buildModule(m, 8); });
  poly::Schedule s(p.model, "gemm");
  s.partition("A", PartitionType::Cyclic, {2}, 4);
  ::testing::AssertionResult r = throwsError([&] { step(s); }, kind, fragments);
  if (r && s.steps().size() != 1) {
    return ::testing::AssertionFailure() << "the refused step was logged";
  }
  return r;
}

TEST(SchedulePartition, UnknownArraysAndFunctionsAreRefusedListingWhatExists) {
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("D"); }, ErrorKind::UnknownName,
                      {"function 'gemm' has no array 'D'; its arrays are A, B, C"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("nope:A"); }, ErrorKind::UnknownName,
                      {"no function 'nope'", "acc, gemm"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("a:b:c"); }, ErrorKind::InvalidArgument,
                      {"'a:b:c' is not an array name"}));
}

TEST(SchedulePartition, BadDimsTypesFactorsAndScalarsAreRefused) {
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("B", PartitionType::Complete, {3}); },
                      ErrorKind::InvalidArgument,
                      {"dim 3 is out of range for 'B' of function 'gemm', which has 2 dim(s)",
                       "0 means every dim"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("B", PartitionType::Complete, {-1}); },
                      ErrorKind::InvalidArgument, {"dim -1 is out of range"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("B", PartitionType::Complete, {}); },
                      ErrorKind::InvalidArgument, {"dim=[] names no dim"}));
  EXPECT_TRUE(refused(
      [](poly::Schedule& s) {
        s.apply({"partition", "", {"A", "B"}, {0, 0, 0}, false, {}});
      },
      ErrorKind::InvalidArgument, {"is not a partition step"}));
  EXPECT_TRUE(refused(
      [](poly::Schedule& s) {
        s.partition("B", PartitionType::Block, {1, 1}, 2);
      },
      ErrorKind::InvalidArgument, {"dim=[1, 1] names dim 1 twice"}));
  EXPECT_TRUE(
      refused([](poly::Schedule& s) { s.partition("B", static_cast<PartitionType>(3), {1}, 2); },
              ErrorKind::InvalidArgument, {"partition_type 3 is unknown", "Partition.Cyclic (2)"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("B", PartitionType::Block, {1}, 1); },
                      ErrorKind::InvalidArgument,
                      {"factor 1 does not fit dim 1 of 'B'", "(8 elements)", "from 2 to 8"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("B", PartitionType::Cyclic, {0}, 9); },
                      ErrorKind::InvalidArgument, {"factor 9 does not fit dim 1"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("B", PartitionType::Complete, {1}, 4); },
                      ErrorKind::InvalidArgument,
                      {"Partition.Complete", "takes no factor (factor=4"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("acc:s"); }, ErrorKind::InvalidArgument,
                      {"'s' of function 'acc' is a scalar"}));
}

TEST(SchedulePartition, ADimPartitionedTwiceOrMixedWithDimZeroIsRefused) {
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("A", PartitionType::Block, {2}, 2); },
                      ErrorKind::InvalidSchedule,
                      {"dim 2 of 'A' of function 'gemm' is already partitioned Cyclic factor 4 "
                       "by partition(\"A\", partition_type=Cyclic, dim=2, factor=4) at",
                       "a dim takes one partition"}));
  EXPECT_TRUE(refused([](poly::Schedule& s) { s.partition("gemm:A", PartitionType::Complete); },
                      ErrorKind::InvalidSchedule,
                      {"dim 2 of 'A'", "dim=0 partitions every dim, so it cannot be mixed"}));
}

} // namespace
} // namespace polyallo
