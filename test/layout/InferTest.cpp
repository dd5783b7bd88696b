// Layout inference over the call graph: a partition reaches the callee
// parameter, the caller's argument, every other call site of the callee and
// returned buffers; the finer of two requirements wins; requirements that
// meet only at complete are reported with both steps and both calls.
#include "layout/Infer.h"
#include "common/ErrorTesting.h"
#include "core/Module.h"
#include "polyhedral/Model.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;
using layout::DimPartition;
using layout::LayoutType;
using poly::PartitionType;

/// name(A, B) -> C: C = A @ B on n x n int32.
Function& buildMm(Module& m, const std::string& name, Expr n) {
  Function& f = m.function(name);
  Array A = f.arg("A", Int(32), {n, n});
  Array B = f.arg("B", Int(32), {n, n});
  Array C = f.result("C", Int(32), {n, n}, 0);
  f.grid({"i", "j", "k"}, {n, n, n}, [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
  return f;
}

/// top(X, W) -> Z:  Y = mm(X, W) (top.py:5:3);  Z = mm(Y, W) (top.py:6:3).
void buildTwoCalls(Module& m, Expr n) {
  Function& mm = buildMm(m, "mm", n);
  Function& t = m.function("top");
  Array X = t.arg("X", Int(32), {n, n});
  Array W = t.arg("W", Int(32), {n, n});
  Array Z = t.result("Z", Int(32), {n, n});
  Array Y = t.local("Y", Int(32), {n, n});
  t.callAt(mm, {X, W, Y}, SourceLoc{"top.py", 5, 3});
  t.callAt(mm, {Y, W, Z}, SourceLoc{"top.py", 6, 3});
  m.setTop("top");
}

/// A logged partition step of function "top", written at s.py:LINE:1.
poly::Step partition(const std::string& array, PartitionType type, std::vector<int64_t> dims,
                     int64_t factor, int line) {
  std::vector<int64_t> values = {static_cast<int64_t>(type), factor};
  values.insert(values.end(), dims.begin(), dims.end());
  return {"partition", "top", {array}, values, false, SourceLoc{"s.py", line, 1}};
}

/// The layout of function:array as text, "unpartitioned" when it has none.
std::string layoutOf(const layout::Layouts& l, const std::string& function,
                     const std::string& array) {
  const LayoutType* t = l.find(function, array);
  return t ? t->str() : "unpartitioned";
}

TEST(Infer, ACalleeParameterReachesEveryCallSiteAndTheReturnedBuffers) {
  Module m("two");
  buildTwoCalls(m, 8);
  layout::Layouts l = layout::infer(m, {partition("mm:A", PartitionType::Cyclic, {2}, 2, 10)});
  // mm:A -> X (call 1), Y (call 2); Y is mm's returned C at call 1 -> mm:C -> Z (call 2).
  for (auto [fn, array] : std::vector<std::pair<std::string, std::string>>{
           {"mm", "A"}, {"top", "X"}, {"top", "Y"}, {"mm", "C"}, {"top", "Z"}}) {
    EXPECT_EQ(layoutOf(l, fn, array), "[none, cyclic(2)]") << fn << ":" << array;
  }
  EXPECT_EQ(layoutOf(l, "mm", "B"), "unpartitioned");
  EXPECT_EQ(layoutOf(l, "top", "W"), "unpartitioned");
}

TEST(Infer, AProducersReturnedBufferReachesItsConsumerThroughTheCaller) {
  Module m("pipe");
  Function& producer = m.function("producer");
  Array A = producer.arg("A", Int(32), {8, 8});
  Array B = producer.result("B", Int(32), {8, 8});
  producer.grid({"i", "j"}, {8, 8}, [&](Expr i, Expr j) { B(i, j) = A(i, j) * 2; });
  Function& consumer = m.function("consumer");
  Array X = consumer.arg("X", Int(32), {8, 8});
  Array Y = consumer.result("Y", Int(32), {8, 8});
  consumer.grid({"i", "j"}, {8, 8}, [&](Expr i, Expr j) { Y(i, j) = X(i, j) + 1; });
  Function& top = m.function("top");
  Array In = top.arg("In", Int(32), {8, 8});
  Array Out = top.result("Out", Int(32), {8, 8});
  Array T = top.local("T", Int(32), {8, 8});
  top.call(producer, {In, T});
  top.call(consumer, {T, Out});
  m.setTop("top");
  layout::Layouts l = layout::infer(m, {partition("producer:B", PartitionType::Block, {1}, 2, 10)});
  EXPECT_EQ(layoutOf(l, "producer", "B"), "[block(2), none]");
  EXPECT_EQ(layoutOf(l, "top", "T"), "[block(2), none]");
  EXPECT_EQ(layoutOf(l, "consumer", "X"), "[block(2), none]");
  for (auto [fn, array] : std::vector<std::pair<std::string, std::string>>{
           {"producer", "A"}, {"top", "In"}, {"top", "Out"}, {"consumer", "Y"}}) {
    EXPECT_EQ(layoutOf(l, fn, array), "unpartitioned") << fn << ":" << array;
  }
  EXPECT_EQ(l.str(), "consumer:X [block(2), none]\nproducer:B [block(2), none]\n"
                     "top:T [block(2), none]\n");
}

TEST(Infer, TheFinerRequirementWins) {
  Module m("two");
  buildTwoCalls(m, 12);
  layout::Layouts l = layout::infer(m, {partition("X", PartitionType::Cyclic, {2}, 4, 10),
                                        partition("mm:A", PartitionType::Cyclic, {2}, 2, 11)});
  EXPECT_EQ(layoutOf(l, "mm", "A"), "[none, cyclic(4)]");
  EXPECT_EQ(layoutOf(l, "top", "Z"), "[none, cyclic(4)]");
  // Neither is finer: the coarsest layout serving both (cyclic(6) on 12 elements).
  l = layout::infer(m, {partition("X", PartitionType::Cyclic, {2}, 3, 10),
                        partition("mm:C", PartitionType::Cyclic, {2}, 2, 11)});
  EXPECT_EQ(layoutOf(l, "top", "Y"), "[none, cyclic(6)]");
  EXPECT_EQ(layoutOf(l, "mm", "A"), "[none, cyclic(6)]");
  // Different dims: both are partitioned (a producer on dim 1, a consumer on dim 2).
  l = layout::infer(m, {partition("mm:C", PartitionType::Cyclic, {1}, 2, 10),
                        partition("mm:A", PartitionType::Block, {2}, 3, 11)});
  EXPECT_EQ(layoutOf(l, "top", "Y"), "[cyclic(2), block(3)]");
  EXPECT_EQ(layoutOf(l, "top", "X"), "[cyclic(2), block(3)]");
}

TEST(Infer, RequirementsThatMeetOnlyAtCompleteAreReportedWithBothStepsAndCalls) {
  Module m("two");
  buildTwoCalls(m, 8);
  std::vector<poly::Step> steps = {partition("mm:C", PartitionType::Block, {2}, 2, 20),
                                   partition("mm:A", PartitionType::Cyclic, {2}, 2, 21)};
  std::optional<Error> e = testing::captureError([&] { layout::infer(m, steps); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind(), ErrorKind::InvalidSchedule);
  EXPECT_EQ(e->loc().str(), "s.py:21:1");
  EXPECT_TRUE(
      testing::throwsError([&] { layout::infer(m, steps); }, ErrorKind::InvalidSchedule,
                           {"dim 2 of 'top:Y' do not meet", "block(2), from partition(\"mm:C\"",
                            "at s.py:20:1 through the call mm(X, W, Y) at top.py:5:3",
                            "cyclic(2), from partition(\"mm:A\"",
                            "at s.py:21:1 through the call mm(Y, W, Z) at "
                            "top.py:6:3",
                            "Partition.Complete on dim 2"}));
  // Two steps on one array (unvalidated): no call in between.
  EXPECT_TRUE(testing::throwsError(
      [&] {
        layout::infer(m, {partition("X", PartitionType::Cyclic, {2}, 2, 30),
                          partition("X", PartitionType::Block, {0}, 2, 31)});
      },
      ErrorKind::InvalidSchedule, {"dim 2 of 'top:X'", "at s.py:30:1 on this array"}));
}

TEST(Infer, ComposedStepsOfASchedulePropagate) {
  Module m("two");
  buildTwoCalls(m, 4);
  poly::ModuleModel model = poly::extract(m);
  poly::Schedule sub(model, "mm");
  sub.partition("A", PartitionType::Complete, {1});
  poly::Schedule s(model, "top");
  s.compose(sub).partition("W", PartitionType::Cyclic, {0}, 2);
  layout::Layouts l = layout::infer(s);
  EXPECT_EQ(layoutOf(l, "top", "X"), "[complete, none]");
  EXPECT_EQ(layoutOf(l, "top", "Z"), "[complete, none]");
  EXPECT_EQ(layoutOf(l, "mm", "B"), "[cyclic(2), cyclic(2)]");
}

TEST(Infer, SymbolicExtentsAndALongChainOfCalls) {
  Module m("chain");
  Expr n = m.param("N");
  // f0 calls f1 calls ... f99, each passing its parameter on.
  std::vector<Function*> fns(100);
  for (int k = 99; k >= 0; --k) {
    fns[k] = &m.function("f" + std::to_string(k));
    Array A = fns[k]->arg("A", Int(32), {n, 16});
    if (k < 99) {
      fns[k]->call(*fns[k + 1], {A});
    } else {
      fns[k]->grid({"i", "j"}, {n, 16}, [&](Expr i, Expr j) { A(i, j) = i + j; });
    }
  }
  layout::Layouts l = layout::infer(m, {partition("f99:A", PartitionType::Cyclic, {1, 2}, 4, 10),
                                        partition("f0:A", PartitionType::Cyclic, {1}, 8, 11)});
  EXPECT_EQ(layoutOf(l, "f0", "A"), "[cyclic(8), cyclic(4)]");
  EXPECT_EQ(layoutOf(l, "f50", "A"), "[cyclic(8), cyclic(4)]");
  EXPECT_EQ(layoutOf(l, "f99", "A"), "[cyclic(8), cyclic(4)]");
}

TEST(Infer, AnArrayThatDoesNotExistIsAnUnknownName) {
  Module m("two");
  buildTwoCalls(m, 8);
  EXPECT_TRUE(testing::throwsError(
      [&] { layout::infer(m, {partition("mm:Q", PartitionType::Complete, {0}, 0, 10)}); },
      ErrorKind::UnknownName, {"function 'mm' has no array 'Q'"}));
}

} // namespace
} // namespace polyallo
