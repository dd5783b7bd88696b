// From schedule trees to the loop AST: loop names come from the BandNames
// mark above each band, found by schedule depth.
#include "codegen/BuildAst.h"
#include "core/Module.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using namespace polyallo::core;

/// A[i, j] += 1 over 0 <= i, j < N, in a function whose array is called A.
struct Fixture {
  Module m{"k"};
  poly::ModuleModel model;
  Fixture() {
    Expr N = m.param("N");
    Function& f = m.function("k");
    Array A = f.arg("A", Int(32), {N, N});
    f.grid({"i", "j"}, {N, N}, [&](Expr i, Expr j) { A(i, j) = A(i, j) + 1; });
    model = poly::extract(m);
  }
  const poly::FunctionModel& fn() const { return model.function("k"); }
  isl::ctx ctx() const { return fn().context.ctx(); }
  isl::multi_union_pw_aff band(const std::string& members) const {
    return isl::multi_union_pw_aff(ctx(), "[N] -> [" + members + "]");
  }
  isl::id mark(std::string band, std::vector<std::string> loops) const {
    return poly::makeBandMark(ctx(), {std::move(band), std::move(loops), {}});
  }
  /// One band with a mark above it.
  isl::schedule single(const std::string& members, std::vector<std::string> loops) const {
    isl::schedule_node n = isl::schedule::from_domain(fn().domain).root().child(0);
    n = n.insert_partial_schedule(band(members)).insert_mark(mark("B", std::move(loops)));
    return n.schedule();
  }
};

TEST(BuildAst, InitialScheduleUsesTheLoopNames) {
  Fixture fx;
  codegen::LoopNode ast = codegen::buildLoopAst(fx.fn(), fx.fn().schedule);
  EXPECT_EQ(codegen::str(ast), "# mark S_i_j_0\n"
                               "for i in range(0, N):\n"
                               "  for j in range(0, N):\n"
                               "    S0(i, j)\n");
  ASSERT_EQ(ast.children.size(), 1u);
  const codegen::LoopNode& mark = ast.children[0];
  ASSERT_EQ(mark.kind, codegen::LoopNode::Kind::Mark);
  ASSERT_TRUE(mark.markId.has_value());
  ASSERT_NE(poly::bandNames(*mark.markId), nullptr);
  const codegen::LoopNode& i = mark.children.at(0);
  EXPECT_EQ(i.scheduleDepth, 0);
  EXPECT_EQ(i.band, "S_i_j_0");
  EXPECT_EQ(i.bandMember, 0);
  EXPECT_EQ(i.children.at(0).scheduleDepth, 1);
  EXPECT_EQ(i.children.at(0).bandMember, 1);
}

TEST(BuildAst, NamesAreSanitizedAndMadeUnique) {
  Fixture fx;
  // "i.outer" is not a C identifier; "N" is a parameter, "A" an array, "for" a keyword.
  auto ast = codegen::buildLoopAst(
      fx.fn(), fx.single("{ S0[i, j] -> [(i)] }, { S0[i, j] -> [(j)] }", {"i.outer", "N"}));
  EXPECT_EQ(codegen::str(ast), "# mark B\n"
                               "for i_outer in range(0, N):\n"
                               "  for N_1 in range(0, N):\n"
                               "    S0(i_outer, N_1)\n");
  ast = codegen::buildLoopAst(
      fx.fn(), fx.single("{ S0[i, j] -> [(i)] }, { S0[i, j] -> [(j)] }", {"A", "for"}));
  EXPECT_EQ(codegen::str(ast), "# mark B\n"
                               "for A_1 in range(0, N):\n"
                               "  for for_1 in range(0, N):\n"
                               "    S0(A_1, for_1)\n");
  EXPECT_EQ(codegen::sanitizeIdentifier("0x.y"), "_0x_y");
}

TEST(BuildAst, NestedBandsAndEnclosingNamesStayDistinct) {
  Fixture fx;
  isl::schedule_node n = isl::schedule::from_domain(fx.fn().domain).root().child(0);
  n = n.insert_partial_schedule(fx.band("{ S0[i, j] -> [(j)] }"));
  n = n.child(0).insert_partial_schedule(fx.band("{ S0[i, j] -> [(i)] }"));
  n = n.insert_mark(fx.mark("inner", {"x"}));
  n = n.parent().insert_mark(fx.mark("outer", {"x"}));
  auto ast = codegen::buildLoopAst(fx.fn(), n.schedule());
  EXPECT_EQ(codegen::str(ast), "# mark outer\n"
                               "for x in range(0, N):\n"
                               "  # mark inner\n"
                               "  for x_1 in range(0, N):\n"
                               "    S0(x_1, x)\n");
}

TEST(BuildAst, DegenerateLoopsDoNotShiftNames) {
  Fixture fx;
  // The middle member is constant: isl emits no loop for it, and j keeps its name.
  auto ast = codegen::buildLoopAst(
      fx.fn(), fx.single("{ S0[i, j] -> [(i)] }, { S0[i, j] -> [(0)] }, { S0[i, j] -> [(j)] }",
                         {"i", "z", "j"}));
  EXPECT_EQ(codegen::str(ast), "# mark B\n"
                               "for i in range(0, N):\n"
                               "  for j in range(0, N):\n"
                               "    S0(i, j)\n");
  EXPECT_EQ(ast.children[0].children[0].children[0].scheduleDepth, 2);
}

TEST(BuildAst, SplitLoopsRecoverTheStatementIterators) {
  Fixture fx;
  auto ast = codegen::buildLoopAst(
      fx.fn(), fx.single("{ S0[i, j] -> [(floor(i/4))] }, { S0[i, j] -> [(j)] }, "
                         "{ S0[i, j] -> [(i - 4*floor(i/4))] }",
                         {"i.outer", "j", "i.inner"}));
  EXPECT_EQ(codegen::str(ast), "# mark B\n"
                               "for i_outer in range(0, (N - 1) // 4 + 1):\n"
                               "  for j in range(0, N):\n"
                               "    for i_inner in range(0, min(3, N - 4 * i_outer - 1) + 1):\n"
                               "      S0(4 * i_outer + i_inner, j)\n");
}

TEST(BuildAst, DimensionsAScheduleLeavesOpenAreScannedInOrder) {
  Fixture fx;
  // Only i is scheduled: isl adds a loop over j below the leaf (named by isl).
  auto ast = codegen::buildLoopAst(fx.fn(), fx.single("{ S0[i, j] -> [(i)] }", {"i"}));
  EXPECT_EQ(codegen::str(ast), "# mark B\n"
                               "for i in range(0, N):\n"
                               "  for c2 in range(0, N):\n"
                               "    S0(i, c2)\n");
  EXPECT_EQ(ast.children[0].children[0].children[0].scheduleDepth, -1);
}

TEST(BuildAst, StepAndTriangularBounds) {
  Module m("t");
  Expr N = m.param("N");
  Function& f = m.function("t");
  Array A = f.arg("A", Int(32), {N, N});
  Function::LoopOptions step2;
  step2.step = 2;
  f.for_("i", 0, N, [&](Expr i) { f.for_("j", 0, i + 1, step2, [&](Expr j) { A(i, j) = 1; }); });
  poly::ModuleModel model = poly::extract(m);
  const auto& fn = model.function("t");
  EXPECT_EQ(codegen::str(codegen::buildLoopAst(fn, fn.schedule)), "# mark S_i_j_0\n"
                                                                  "for i in range(0, N):\n"
                                                                  "  for j in range(0, i + 1, 2):\n"
                                                                  "    S0(i, j)\n");
}

} // namespace
} // namespace polyallo
