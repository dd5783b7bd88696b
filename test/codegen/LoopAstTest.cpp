// The loop AST's text form (used by IR dumps).
#include "codegen/LoopAst.h"

#include <gtest/gtest.h>

namespace polyallo {
namespace {

using codegen::AstExpr;
using codegen::AstOp;
using codegen::LoopNode;

codegen::AstExprPtr id(const char* n) { return AstExpr::id(n); }
codegen::AstExprPtr num(int64_t v) { return AstExpr::integer(v); }
codegen::AstExprPtr op(AstOp o, std::vector<codegen::AstExprPtr> args) {
  return AstExpr::make(o, std::move(args));
}

LoopNode forLoop(const char* it, codegen::AstExprPtr init, codegen::AstExprPtr cond, int64_t step,
                 std::vector<LoopNode> body) {
  LoopNode n;
  n.kind = LoopNode::Kind::For;
  n.iterator = it;
  n.init = std::move(init);
  n.cond = std::move(cond);
  n.inc = num(step);
  n.children = std::move(body);
  return n;
}

LoopNode user(int s, std::vector<codegen::AstExprPtr> args) {
  LoopNode n;
  n.kind = LoopNode::Kind::User;
  n.statement = s;
  n.args = std::move(args);
  return n;
}

TEST(LoopAst, PrintsAPythonLikeLoopNest) {
  // for i in 0..31, for j in 0..i step 2 (j <= i), if i >= 1: S0(i, j) else S1(i)
  LoopNode ifNode;
  ifNode.kind = LoopNode::Kind::If;
  ifNode.ifCond = op(AstOp::Ge, {id("i"), num(1)});
  ifNode.children = {user(0, {id("i"), op(AstOp::FdivQ, {id("j"), num(2)})})};
  ifNode.orelse = {user(1, {id("i")})};
  LoopNode inner = forLoop("j", num(0), op(AstOp::Le, {id("j"), id("i")}), 2, {ifNode});
  LoopNode outer = forLoop("i", num(0), op(AstOp::Le, {id("i"), num(31)}), 1, {inner});
  LoopNode mark;
  mark.kind = LoopNode::Kind::Mark;
  mark.markName = "S_i_j_0";
  mark.children = {outer};
  EXPECT_EQ(codegen::str(LoopNode::block({mark})), "# mark S_i_j_0\n"
                                                   "for i in range(0, 32):\n"
                                                   "  for j in range(0, i + 1, 2):\n"
                                                   "    if i >= 1:\n"
                                                   "      S0(i, j // 2)\n"
                                                   "    else:\n"
                                                   "      S1(i)\n");
}

TEST(LoopAst, UpperBoundsFoldTheInclusiveForm) {
  LoopNode a =
      forLoop("i", num(0), op(AstOp::Le, {id("i"), op(AstOp::Sub, {id("N"), num(1)})}), 1, {});
  EXPECT_EQ(codegen::str(codegen::exclusiveUpperBound(a)), "N");
  LoopNode b = forLoop("i", num(0), op(AstOp::Lt, {id("i"), id("N")}), 1, {});
  EXPECT_EQ(codegen::str(codegen::exclusiveUpperBound(b)), "N");
  LoopNode c =
      forLoop("i", num(0), op(AstOp::Le, {id("i"), op(AstOp::Min, {id("N"), num(7)})}), 4, {});
  EXPECT_EQ(codegen::str(codegen::exclusiveUpperBound(c)), "min(N, 7) + 1");
  EXPECT_EQ(codegen::constantStep(c), 4);
  // Any other condition is printed as is.
  LoopNode d = forLoop("i", num(0), op(AstOp::Ge, {id("N"), id("i")}), 1, {user(0, {id("i")})});
  EXPECT_EQ(codegen::exclusiveUpperBound(d), nullptr);
  EXPECT_EQ(codegen::str(d), "for i from 0 while N >= i step 1:\n  S0(i)\n");
}

TEST(LoopAst, ExpressionsParenthesizeByPrecedence) {
  auto e = op(AstOp::Mul, {op(AstOp::Add, {id("a"), num(1)}), op(AstOp::Sub, {id("b"), id("c")})});
  EXPECT_EQ(codegen::str(e), "(a + 1) * (b - c)");
  EXPECT_EQ(codegen::str(op(AstOp::Sub, {id("a"), op(AstOp::Sub, {id("b"), id("c")})})),
            "a - (b - c)");
  EXPECT_EQ(codegen::str(op(AstOp::Sub, {op(AstOp::Sub, {id("a"), id("b")}), id("c")})),
            "a - b - c");
  EXPECT_EQ(codegen::str(op(AstOp::Minus, {op(AstOp::Add, {id("a"), id("b")})})), "-(a + b)");
  EXPECT_EQ(codegen::str(op(AstOp::Or, {op(AstOp::And, {op(AstOp::Eq, {id("a"), num(0)}),
                                                        op(AstOp::Lt, {id("b"), num(2)})}),
                                        op(AstOp::Gt, {id("c"), num(3)})})),
            "a == 0 and b < 2 or c > 3");
  EXPECT_EQ(codegen::str(op(AstOp::Select, {op(AstOp::Gt, {id("a"), num(0)}), id("a"), num(-1)})),
            "(a if a > 0 else -1)");
  EXPECT_EQ(codegen::str(op(AstOp::Max, {id("a"), id("b"), op(AstOp::PdivR, {id("c"), num(4)})})),
            "max(a, b, c % 4)");
}

TEST(LoopAst, EmptyBodiesPrintPass) {
  EXPECT_EQ(codegen::str(LoopNode::block({})), "pass\n");
  LoopNode f = forLoop("i", num(0), op(AstOp::Lt, {id("i"), num(4)}), 1, {});
  EXPECT_EQ(codegen::str(f), "for i in range(0, 4):\n  pass\n");
}

} // namespace
} // namespace polyallo
