// Extraction: domains, accesses, the initial schedule tree, dumps, errors.
#include "common/Kernels.h"
#include "polyhedral/Dump.h"
#include "polyhedral/IslShim.h"
#include "polyhedral/Model.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::testing;

/// The BandNames of every mark in the tree, in depth-first order.
std::vector<poly::BandNames> bandsOf(const isl::schedule& schedule) {
  std::vector<poly::BandNames> out;
  schedule.root().foreach_descendant_top_down([&](const isl::schedule_node& node) {
    if (node.isa<isl::schedule_node_mark>()) {
      const poly::BandNames* names = poly::bandNames(poly::markId(node));
      EXPECT_NE(names, nullptr);
      if (names) {
        out.push_back(*names);
      }
      EXPECT_TRUE(node.child(0).isa<isl::schedule_node_band>()) << "a band follows every mark";
    }
    return true;
  });
  return out;
}

TEST(Extract, PerfectlyNestedLoopsFormOneNamedBand) {
  Module m("gemm");
  buildGemm(m, m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("gemm");
  auto bands = bandsOf(fn.schedule);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].loops, (std::vector<std::string>{"C_init0", "C_init1"}));
  EXPECT_EQ(bands[1].band, "S_i_j_k_1");
  EXPECT_EQ(bands[1].loops, (std::vector<std::string>{"i", "j", "k"}));
  EXPECT_TRUE(fn.statements[1].domain.is_equal(
      isl::set(fn.context.ctx(), "[N] -> { S1[i, j, k] : 0 <= i, j, k < N }")
          .intersect_params(fn.context)));
  EXPECT_TRUE(fn.schedule.root().child(0).isa<isl::schedule_node_sequence>());
}

TEST(Extract, ImperfectNestSplitsBandsAndGridLabelNamesTheBand) {
  Module m("k");
  Function& f = m.function("k");
  Array A = f.arg("A", Int(32), {8, 8});
  Array s = f.result("s", Int(32), {8});
  f.for_("i", 0, 8, [&](Expr i) {
    s(i) = 0;
    f.grid(
        {"j"}, {8}, [&](Expr j) { s(i) += A(i, j); }, {}, "PE");
  });
  poly::ModuleModel model = poly::extract(m);
  auto bands = bandsOf(model.function("k").schedule);
  ASSERT_EQ(bands.size(), 2u);
  EXPECT_EQ(bands[0].band, "S_i_0");
  EXPECT_EQ(bands[0].loops, (std::vector<std::string>{"i"}));
  EXPECT_EQ(bands[1].band, "PE");
  EXPECT_EQ(bands[1].loops, (std::vector<std::string>{"j"}));
}

TEST(Extract, StepsTriangularBoundsAndAffineConditionsShapeTheDomain) {
  Module m("tri");
  Function& f = m.function("tri");
  Array A = f.arg("A", Float64(), {10, 10});
  f.for_("i", 0, 10, 2, [&](Expr i) {
    f.for_("j", 0, i + 1, [&](Expr j) {
      f.ifElse(
          j >= 1, [&] { A(i, j) = 1.0; }, [&] { A(i, j) = 2.0; });
    });
  });
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("tri");
  ASSERT_EQ(fn.statements.size(), 2u);
  isl::ctx ctx = fn.context.ctx();
  EXPECT_TRUE(fn.statements[0].domain.is_equal(
      isl::set(ctx, "{ S0[i, j] : 0 <= i < 10 and i mod 2 = 0 and 1 <= j <= i }")));
  EXPECT_TRUE(fn.statements[1].domain.is_equal(
      isl::set(ctx, "{ S1[i, 0] : 0 <= i < 10 and i mod 2 = 0 }")));
}

TEST(Extract, NonAffineSubscriptOverApproximatesTheWholeArray) {
  Module m("gather");
  Function& f = m.function("gather");
  Array idx = f.arg("idx", Int(32), {4});
  Array A = f.arg("A", Float32(), {16});
  Array out = f.result("out", Float32(), {4});
  f.for_("i", 0, 4, [&](Expr i) { out(i) = A(idx(i)); });
  poly::ModuleModel model = poly::extract(m);
  const poly::FunctionModel& fn = model.function("gather");
  isl::ctx ctx = fn.context.ctx();
  EXPECT_TRUE(fn.reads.is_equal(isl::union_map(
      ctx, "{ S0[i] -> idx[i] : 0 <= i < 4; S0[i] -> A[a] : 0 <= i < 4 and 0 <= a < 16 }")));
  bool sawNonAffine = false;
  for (const auto& r : fn.refs) {
    sawNonAffine |= (r.array == "A" && !r.affine);
  }
  EXPECT_TRUE(sawNonAffine);
}

TEST(Extract, OutOfBoundsAccessIsReportedWithAWitness) {
  Module m("oob");
  Function& f = m.function("oob");
  Array A = f.arg("A", Float32(), {8});
  Array B = f.result("B", Float32(), {8});
  f.for_("i", 0, 8, [&](Expr i) { B(i) = A(i + 1); });
  try {
    (void)poly::extract(m);
    FAIL() << "expected an out-of-bounds error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::OutOfBounds);
    EXPECT_NE(e.message().find("a read of 'A' (float32[8])"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("S0[7] -> A[8]"), std::string::npos) << e.message();
    EXPECT_TRUE(e.loc().known());
  }
}

TEST(Extract, RecursiveCallsAreRefused) {
  Module m("rec");
  Function& a = m.function("a");
  Array x = a.arg("x", Int(8), {4});
  Function& b = m.function("b");
  Array y = b.arg("y", Int(8), {4});
  b.call(a, {y});
  a.call(b, {x});
  try {
    (void)poly::extract(m);
    FAIL() << "expected a recursion error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidCall);
    EXPECT_NE(e.message().find("recursion"), std::string::npos) << e.message();
  }
}

TEST(Dump, TextAndJsonShowDomainsAccessesScheduleAndDependences) {
  Module m("gemm");
  buildGemm(m, m.param("N"));
  poly::ModuleModel model = poly::extract(m);
  std::string text = poly::dumpText(model);
  for (const char* part : {"function gemm", "S1", "C[i, j] = (C[i, j] + (A[i, k] * B[k, j]))", "R1",
                           "domain", "S_i_j_k_1", "flow", "anti", "output"}) {
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  }
  std::string json = poly::dumpJson(model);
  for (const char* part : {"\"module\": \"gemm\"", "\"params\": [\n    \"N\"\n  ]",
                           "\"name\": \"S1\"", "\"kind\": \"write\"", "\"flow\": \"[N] -> {"}) {
    EXPECT_NE(json.find(part), std::string::npos) << part << "\n" << json;
  }
}

} // namespace
} // namespace polyallo
