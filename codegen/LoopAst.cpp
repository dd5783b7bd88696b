#include "codegen/LoopAst.h"

#include <fmt/format.h>

namespace polyallo::codegen {

const char* astOpName(AstOp op) {
  switch (op) {
  case AstOp::Add:
    return "+";
  case AstOp::Sub:
    return "-";
  case AstOp::Mul:
    return "*";
  case AstOp::Minus:
    return "-";
  case AstOp::Div:
    return "/";
  case AstOp::FdivQ:
    return "//";
  case AstOp::PdivQ:
    return "//";
  case AstOp::PdivR:
    return "%";
  case AstOp::ZdivR:
    return "%";
  case AstOp::Min:
    return "min";
  case AstOp::Max:
    return "max";
  case AstOp::Select:
    return "select";
  case AstOp::Cond:
    return "cond";
  case AstOp::Eq:
    return "==";
  case AstOp::Le:
    return "<=";
  case AstOp::Lt:
    return "<";
  case AstOp::Ge:
    return ">=";
  case AstOp::Gt:
    return ">";
  case AstOp::And:
    return "and";
  case AstOp::Or:
    return "or";
  case AstOp::AndThen:
    return "and";
  case AstOp::OrElse:
    return "or";
  }
  return "?";
}

AstExprPtr AstExpr::integer(int64_t v) {
  auto e = std::make_shared<AstExpr>();
  e->kind = Kind::Int;
  e->value = v;
  return e;
}

AstExprPtr AstExpr::id(std::string name) {
  auto e = std::make_shared<AstExpr>();
  e->kind = Kind::Id;
  e->name = std::move(name);
  return e;
}

AstExprPtr AstExpr::make(AstOp op, std::vector<AstExprPtr> args) {
  auto e = std::make_shared<AstExpr>();
  e->kind = Kind::Op;
  e->op = op;
  e->args = std::move(args);
  return e;
}

namespace {

// Python's precedence levels, loosest first; an operand whose level is looser
// than its context needs parentheses.
enum Prec { kOr = 1, kAnd, kCompare, kAdd, kMul, kUnary, kAtom };

int precedence(const AstExpr& e) {
  if (e.kind != AstExpr::Kind::Op) {
    return e.kind == AstExpr::Kind::Int && e.value < 0 ? kUnary : kAtom;
  }
  switch (e.op) {
  case AstOp::Or:
  case AstOp::OrElse:
    return kOr;
  case AstOp::And:
  case AstOp::AndThen:
    return kAnd;
  case AstOp::Eq:
  case AstOp::Le:
  case AstOp::Lt:
  case AstOp::Ge:
  case AstOp::Gt:
    return kCompare;
  case AstOp::Add:
  case AstOp::Sub:
    return kAdd;
  case AstOp::Mul:
  case AstOp::Div:
  case AstOp::FdivQ:
  case AstOp::PdivQ:
  case AstOp::PdivR:
  case AstOp::ZdivR:
    return kMul;
  case AstOp::Minus:
    return kUnary;
  case AstOp::Min:
  case AstOp::Max:
  case AstOp::Select:
  case AstOp::Cond:
    return kAtom; // printed as a call or parenthesized
  }
  return kAtom;
}

std::string print(const AstExprPtr& e, int context);

/// Left operands may share the context's level (left associative); right
/// operands of non-commutative operators need a strictly tighter level.
std::string binaryText(const AstExpr& e, int prec) {
  std::string s = print(e.args[0], prec);
  for (size_t i = 1; i < e.args.size(); ++i) {
    s += fmt::format(" {} {}", astOpName(e.op), print(e.args[i], prec + 1));
  }
  return s;
}

std::string print(const AstExprPtr& e, int context) {
  if (!e) {
    return "<null>";
  }
  std::string s;
  switch (e->kind) {
  case AstExpr::Kind::Int:
    s = fmt::format("{}", e->value);
    break;
  case AstExpr::Kind::Id:
    s = e->name;
    break;
  case AstExpr::Kind::Op:
    switch (e->op) {
    case AstOp::Minus:
      s = "-" + print(e->args[0], kUnary);
      break;
    case AstOp::Min:
    case AstOp::Max: {
      s = std::string(astOpName(e->op)) + "(";
      for (size_t i = 0; i < e->args.size(); ++i) {
        s += (i ? ", " : "") + print(e->args[i], 0);
      }
      s += ")";
      break;
    }
    case AstOp::Select:
    case AstOp::Cond:
      s = fmt::format("({} if {} else {})", print(e->args[1], 0), print(e->args[0], 0),
                      print(e->args[2], 0));
      break;
    default:
      s = binaryText(*e, precedence(*e));
      break;
    }
    break;
  }
  return precedence(*e) < context ? "(" + s + ")" : s;
}

/// ub + 1 with the obvious folding, so `i <= N - 1` prints as range(0, N).
AstExprPtr plusOne(const AstExprPtr& ub) {
  if (ub->kind == AstExpr::Kind::Int) {
    return AstExpr::integer(ub->value + 1);
  }
  if (ub->kind == AstExpr::Kind::Op && ub->args.size() == 2 &&
      ub->args[1]->kind == AstExpr::Kind::Int && (ub->op == AstOp::Add || ub->op == AstOp::Sub)) {
    int64_t k = ub->op == AstOp::Add ? ub->args[1]->value + 1 : ub->args[1]->value - 1;
    if (k == 0) {
      return ub->args[0];
    }
    return AstExpr::make(ub->op, {ub->args[0], AstExpr::integer(k)});
  }
  return AstExpr::make(AstOp::Add, {ub, AstExpr::integer(1)});
}

void printNodes(const std::vector<LoopNode>& nodes, int indent, std::string& out);

void printNode(const LoopNode& n, int indent, std::string& out) {
  std::string pad(static_cast<size_t>(indent) * 2, ' ');
  switch (n.kind) {
  case LoopNode::Kind::Block:
    printNodes(n.children, indent, out);
    return;
  case LoopNode::Kind::For: {
    AstExprPtr ub = exclusiveUpperBound(n);
    int64_t step = constantStep(n);
    if (ub && step > 0) {
      std::string range = print(n.init, 0) + ", " + print(ub, 0);
      if (step != 1) {
        range += fmt::format(", {}", step);
      }
      out += fmt::format("{}for {} in range({}):", pad, n.iterator, range);
    } else {
      out += fmt::format("{}for {} from {} while {} step {}:", pad, n.iterator, print(n.init, 0),
                         print(n.cond, 0), print(n.inc, 0));
    }
    std::string attrs = n.attrs.str();
    out += attrs.empty() ? "\n" : "  # " + attrs + "\n";
    printNodes(n.children, indent + 1, out);
    return;
  }
  case LoopNode::Kind::If:
    out += fmt::format("{}if {}:\n", pad, print(n.ifCond, 0));
    printNodes(n.children, indent + 1, out);
    if (!n.orelse.empty()) {
      out += pad + "else:\n";
      printNodes(n.orelse, indent + 1, out);
    }
    return;
  case LoopNode::Kind::User: {
    std::string args;
    for (size_t i = 0; i < n.args.size(); ++i) {
      args += (i ? ", " : "") + print(n.args[i], 0);
    }
    out += fmt::format("{}S{}({})\n", pad, n.statement, args);
    return;
  }
  case LoopNode::Kind::Mark:
    out += fmt::format("{}# mark {}\n", pad, n.markName);
    printNodes(n.children, indent, out);
    return;
  }
}

void printNodes(const std::vector<LoopNode>& nodes, int indent, std::string& out) {
  if (nodes.empty()) {
    out += std::string(static_cast<size_t>(indent) * 2, ' ') + "pass\n";
    return;
  }
  for (const auto& n : nodes) {
    printNode(n, indent, out);
  }
}

} // namespace

std::string str(const AstExprPtr& e) { return print(e, 0); }

LoopNode LoopNode::block(std::vector<LoopNode> children) {
  LoopNode n;
  n.kind = Kind::Block;
  n.children = std::move(children);
  return n;
}

int64_t constantStep(const LoopNode& forNode) {
  if (forNode.kind != LoopNode::Kind::For || !forNode.inc ||
      forNode.inc->kind != AstExpr::Kind::Int) {
    return 0;
  }
  return forNode.inc->value;
}

AstExprPtr exclusiveUpperBound(const LoopNode& forNode) {
  const AstExprPtr& c = forNode.cond;
  if (forNode.kind != LoopNode::Kind::For || !c || c->kind != AstExpr::Kind::Op ||
      c->args.size() != 2 || c->args[0]->kind != AstExpr::Kind::Id ||
      c->args[0]->name != forNode.iterator) {
    return nullptr;
  }
  if (c->op == AstOp::Lt) {
    return c->args[1];
  }
  if (c->op == AstOp::Le) {
    return plusOne(c->args[1]);
  }
  return nullptr;
}

std::string str(const LoopNode& node) {
  std::string out;
  if (node.kind == LoopNode::Kind::Block && node.children.empty()) {
    return "pass\n";
  }
  printNode(node, 0, out);
  return out;
}

} // namespace polyallo::codegen
