// findViolation: schedules that keep every dependence pass; one that breaks
// a dependence is caught with a concrete pair of instances and the element.
#include "polyhedral/Legality.h"
#include "common/Kernels.h"

#include <gtest/gtest.h>

#include <regex>

using namespace polyallo;
using namespace polyallo::core;
using polyallo::testing::buildGemm;
using polyallo::testing::buildJacobi2d;

namespace {

/// The schedule of `fn` with the band given by `partial` (instances -> time).
isl::schedule withPartial(const poly::FunctionModel& fn, const std::string& partial) {
  isl::multi_union_pw_aff mupa(fn.domain.ctx(), partial);
  return isl::schedule::from_domain(fn.domain)
      .root()
      .first_child()
      .insert_partial_schedule(mupa)
      .schedule();
}

/// "S0[3]" -> 3 (the last index of an instance).
int lastIndex(const std::string& instance) {
  std::smatch m;
  EXPECT_TRUE(std::regex_search(instance, m, std::regex(R"((-?\d+)\]$)"))) << instance;
  return m.empty() ? -1 : std::stoi(m[1]);
}

struct Matmul {
  Module module{"matmul"};
  poly::ModuleModel model;
  Matmul() {
    Function& f = module.function("matmul");
    Array A = f.arg("A", Int(8), {8, 8}), B = f.arg("B", Int(8), {8, 8});
    Array C = f.arg("C", Int(32), {8, 8});
    f.grid({"i", "j", "k"}, {8, 8, 8},
           [&](Expr i, Expr j, Expr k) { C(i, j) += A(i, k) * B(k, j); });
    model = poly::extract(module);
  }
  const poly::FunctionModel& fn() const { return model.function("matmul"); }
};

} // namespace

TEST(Legality, TheInitialScheduleIsLegal) {
  Module m("gemm");
  buildGemm(m, m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("gemm");
  EXPECT_FALSE(poly::findViolation(model, fn, fn.schedule).has_value());
}

TEST(Legality, PermutingAReductionBandKeepsEachReductionInOrder) {
  Matmul mm;
  EXPECT_FALSE(poly::findViolation(mm.model, mm.fn(),
                                   withPartial(mm.fn(), "[{ S0[i, j, k] -> [(j)] }, "
                                                        "{ S0[i, j, k] -> [(k)] }, "
                                                        "{ S0[i, j, k] -> [(i)] }]")));
}

TEST(Legality, ReversingTheReductionLoopBreaksTheFlowOnTheAccumulator) {
  Matmul mm;
  auto v = poly::findViolation(mm.model, mm.fn(),
                               withPartial(mm.fn(),
                                           "[{ S0[i, j, k] -> [(i)] }, { S0[i, j, k] -> [(j)] }, "
                                           "{ S0[i, j, k] -> [(-k)] }]"));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->kind, "flow");
  EXPECT_LT(lastIndex(v->source), lastIndex(v->sink)); // k before k' in the original program
  EXPECT_EQ(v->element.rfind("C[", 0), 0u) << v->str();
  EXPECT_NE(v->str().find("the schedule runs " + v->sink + " at or before " + v->source),
            std::string::npos);
}

TEST(Legality, ARecurrenceCannotRunBackwards) {
  Module m("rec");
  Function& f = m.function("rec");
  Array A = f.arg("A", Int(32), {8});
  f.for_("i", 1, 8, [&](Expr i) { A(i) = A(i - 1) + 1; });
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("rec");
  auto v = poly::findViolation(model, fn, withPartial(fn, "[{ S0[i] -> [(-i)] }]"));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->kind, "flow");
  EXPECT_EQ(lastIndex(v->sink), lastIndex(v->source) + 1);
  EXPECT_EQ(v->element, "A[" + std::to_string(lastIndex(v->source)) + "]");
}

TEST(Legality, RunningAWriterBeforeAnEarlierReaderBreaksTheAntiDependence) {
  Module m("anti");
  Function& f = m.function("anti");
  Array A = f.arg("A", Int(32), {4}), B = f.arg("B", Int(32), {4});
  f.for_("i", 0, 4, [&](Expr i) { B(i) = A(i); });
  f.for_("j", 0, 4, [&](Expr j) { A(j) = 0; });
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("anti");
  // Both loops fused, the write first: S1[i] runs before S0[i].
  auto v = poly::findViolation(model, fn,
                               withPartial(fn, "[{ S0[i] -> [(i)]; S1[j] -> [(j)] }, "
                                               "{ S0[i] -> [(1)]; S1[j] -> [(0)] }]"));
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->kind, "anti");
  EXPECT_EQ(v->source.rfind("S0[", 0), 0u);
  EXPECT_EQ(v->sink.rfind("S1[", 0), 0u);
  EXPECT_EQ(v->element.rfind("A[", 0), 0u);
  // Fused with the read first is legal.
  EXPECT_FALSE(poly::findViolation(model, fn,
                                   withPartial(fn, "[{ S0[i] -> [(i)]; S1[j] -> [(j)] }, "
                                                   "{ S0[i] -> [(0)]; S1[j] -> [(1)] }]")));
}

TEST(Legality, TimeVectorsOfDifferentLengthsCompareAsIfPaddedWithZeros) {
  // Initial schedules of sequences give statements different depths (a fill
  // loop of two dims before a three-dim nest): the initial schedule is legal.
  Module m("jacobi");
  buildJacobi2d(m, m.param("T"), m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("jacobi_2d");
  EXPECT_FALSE(poly::findViolation(model, fn, fn.schedule).has_value());
}
