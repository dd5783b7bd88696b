#include "frontends/allo/Ast.h"

#include <fmt/format.h>

namespace polyallo::allo::ast {

const char* spelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Mult:
    return "*";
  case BinaryOp::MatMult:
    return "@";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::FloorDiv:
    return "//";
  case BinaryOp::Mod:
    return "%";
  case BinaryOp::Pow:
    return "**";
  case BinaryOp::LShift:
    return "<<";
  case BinaryOp::RShift:
    return ">>";
  case BinaryOp::BitAnd:
    return "&";
  case BinaryOp::BitOr:
    return "|";
  case BinaryOp::BitXor:
    return "^";
  }
  return "?";
}

const char* spelling(UnaryOpKind op) {
  switch (op) {
  case UnaryOpKind::UAdd:
    return "+";
  case UnaryOpKind::USub:
    return "-";
  case UnaryOpKind::Not:
    return "not";
  case UnaryOpKind::Invert:
    return "~";
  }
  return "?";
}

const char* spelling(CmpOp op) {
  switch (op) {
  case CmpOp::Eq:
    return "==";
  case CmpOp::NotEq:
    return "!=";
  case CmpOp::Lt:
    return "<";
  case CmpOp::LtE:
    return "<=";
  case CmpOp::Gt:
    return ">";
  case CmpOp::GtE:
    return ">=";
  case CmpOp::In:
    return "in";
  case CmpOp::NotIn:
    return "not in";
  case CmpOp::Is:
    return "is";
  case CmpOp::IsNot:
    return "is not";
  }
  return "?";
}

namespace {

// Python's binding strengths, loosest first; an operand is parenthesized only
// when it binds more loosely than its position requires.
enum Prec {
  kIfExp = 1,
  kOr,
  kAnd,
  kNot,
  kCompare,
  kBitOr,
  kBitXor,
  kBitAnd,
  kShift,
  kArith,
  kTerm,
  kUnary,
  kPower,
  kAtom,
};

int precedence(BinaryOp op) {
  switch (op) {
  case BinaryOp::BitOr:
    return kBitOr;
  case BinaryOp::BitXor:
    return kBitXor;
  case BinaryOp::BitAnd:
    return kBitAnd;
  case BinaryOp::LShift:
  case BinaryOp::RShift:
    return kShift;
  case BinaryOp::Add:
  case BinaryOp::Sub:
    return kArith;
  case BinaryOp::Pow:
    return kPower;
  default:
    return kTerm;
  }
}

int precedence(const Expr& e) {
  switch (e.kind) {
  case ExprKind::IfExp:
    return kIfExp;
  case ExprKind::BoolOp:
    return e.boolop == BoolOpKind::Or ? kOr : kAnd;
  case ExprKind::UnaryOp:
    return e.unop == UnaryOpKind::Not ? kNot : kUnary;
  case ExprKind::Compare:
    return kCompare;
  case ExprKind::BinOp:
    return precedence(e.binop);
  default:
    return kAtom;
  }
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      out += byte < 32 || byte == 127 ? fmt::format("\\x{:02x}", byte) : std::string(1, c);
    }
  }
  return out + "\"";
}

std::string floatText(double v) {
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".eEn") == std::string::npos) { // `n`: inf and nan stay as they are
    s += ".0";
  }
  return s;
}

/// `e`, parenthesized when it binds more loosely than `minPrec`.
std::string operand(const Expr* e, int minPrec) {
  if (e == nullptr) {
    return "<null>";
  }
  std::string s = str(*e);
  return precedence(*e) < minPrec ? "(" + s + ")" : s;
}

std::string join(const std::vector<ExprPtr>& elts) {
  std::string out;
  for (size_t i = 0; i < elts.size(); ++i) {
    out += (i ? ", " : "") + operand(elts[i].get(), kIfExp);
  }
  return out;
}

std::string subscriptText(const Expr& e) {
  if (e.index && e.index->kind == ExprKind::Tuple && !e.index->elts.empty()) {
    return join(e.index->elts) + (e.index->elts.size() == 1 ? "," : "");
  }
  return e.index ? str(*e.index) : "";
}

std::string callText(const Expr& e) {
  std::string args = join(e.elts);
  for (const Keyword& k : e.keywords) {
    args += (args.empty() ? "" : ", ") + k.name + "=" + operand(k.value.get(), kIfExp);
  }
  return operand(e.value.get(), kAtom) + "(" + args + ")";
}

std::string compareText(const Expr& e) {
  std::string out = operand(e.left.get(), kCompare + 1);
  for (size_t i = 0; i < e.cmpops.size() && i < e.elts.size(); ++i) {
    out += fmt::format(" {} {}", spelling(e.cmpops[i]), operand(e.elts[i].get(), kCompare + 1));
  }
  return out;
}

std::string binOpText(const Expr& e) {
  int p = precedence(e.binop);
  // `**` groups to the right and accepts a unary operand on its right (2 ** -1).
  bool rightAssoc = e.binop == BinaryOp::Pow;
  int leftMin = rightAssoc ? p + 1 : p;
  int rightMin = rightAssoc ? kUnary : p + 1;
  return fmt::format("{} {} {}", operand(e.left.get(), leftMin), spelling(e.binop),
                     operand(e.right.get(), rightMin));
}

} // namespace

std::string str(const Expr& e) {
  switch (e.kind) {
  case ExprKind::Name:
    return e.id;
  case ExprKind::Int:
    return std::to_string(e.ival);
  case ExprKind::Float:
    return floatText(e.fval);
  case ExprKind::Str:
    return quote(e.str);
  case ExprKind::Bool:
    return e.bval ? "True" : "False";
  case ExprKind::None:
    return "None";
  case ExprKind::Tuple:
    return "(" + join(e.elts) + (e.elts.size() == 1 ? ",)" : ")");
  case ExprKind::List:
    return "[" + join(e.elts) + "]";
  case ExprKind::Set:
    return "{" + join(e.elts) + "}";
  case ExprKind::Attribute:
    return operand(e.value.get(), kAtom) + "." + e.id;
  case ExprKind::Subscript:
    return operand(e.value.get(), kAtom) + "[" + subscriptText(e) + "]";
  case ExprKind::Slice: {
    auto part = [](const ExprPtr& p) { return p ? operand(p.get(), kIfExp) : std::string(); };
    return part(e.lower) + ":" + part(e.upper) + (e.step ? ":" + part(e.step) : "");
  }
  case ExprKind::Call:
    return callText(e);
  case ExprKind::BinOp:
    return binOpText(e);
  case ExprKind::UnaryOp: {
    if (e.unop == UnaryOpKind::Not) {
      return "not " + operand(e.value.get(), kNot);
    }
    return spelling(e.unop) + operand(e.value.get(), kUnary);
  }
  case ExprKind::BoolOp: {
    int p = precedence(e);
    std::string sep = e.boolop == BoolOpKind::And ? " and " : " or ";
    std::string out;
    for (size_t i = 0; i < e.elts.size(); ++i) {
      out += (i ? sep : "") + operand(e.elts[i].get(), p + 1);
    }
    return out;
  }
  case ExprKind::Compare:
    return compareText(e);
  case ExprKind::IfExp:
    return fmt::format("{} if {} else {}", operand(e.body.get(), kIfExp + 1),
                       operand(e.test.get(), kIfExp + 1), operand(e.orelse.get(), kIfExp));
  }
  return "?";
}

void forEachChild(const Expr& e, const std::function<void(const Expr&)>& fn) {
  for (const ExprPtr* child : {&e.value, &e.index, &e.left, &e.right, &e.lower, &e.upper, &e.step,
                               &e.test, &e.body, &e.orelse}) {
    if (*child) {
      fn(**child);
    }
  }
  for (const ExprPtr& x : e.elts) {
    fn(*x);
  }
  for (const Keyword& k : e.keywords) {
    fn(*k.value);
  }
}

} // namespace polyallo::allo::ast
