#include "core/Expr.h"

#include "core/Array.h"

#include <cmath>
#include <fmt/format.h>

namespace polyallo::core {

namespace {

Expr make(ExprNode node) { return Expr(std::make_shared<const ExprNode>(std::move(node))); }

Expr weakInt(int64_t v) {
  ExprNode n;
  n.kind = ExprKind::Const;
  n.type = Int(32);
  n.ival = v;
  n.weak = true;
  if (v < INT32_MIN || v > INT32_MAX) {
    n.type = Int(64);
  }
  return make(std::move(n));
}

/// Bits a signed integer needs to hold `v`.
int bitsFor(int64_t v) {
  int bits = 1;
  while (bits < 64 && (v < -(int64_t{1} << (bits - 1)) || v >= (int64_t{1} << (bits - 1)))) {
    ++bits;
  }
  return bits;
}

bool fitsInt(int64_t v, const ElemType& t) {
  if (t.kind == TypeKind::Index) {
    return true;
  }
  if (t.kind == TypeKind::Int) {
    return t.width >= 64 || (v >= -(int64_t{1} << (t.width - 1)) && v < (int64_t{1} << (t.width - 1)));
  }
  if (t.kind == TypeKind::UInt) {
    return v >= 0 && (t.width >= 63 || v < (int64_t{1} << t.width));
  }
  return false;
}

/// The type a weak literal takes next to an operand of type `other`.
ElemType literalTypeNear(const ExprNode& lit, const ElemType& other) {
  if (other.isFloat()) {
    return other;
  }
  if (lit.isFloatValue) {
    return Float32();
  }
  if (other.isInt() && fitsInt(lit.ival, other)) {
    return other;
  }
  return Int(bitsFor(lit.ival));
}

Expr retype(const Expr& lit, const ElemType& t) {
  ExprNode n = *lit;
  n.weak = false;
  if (t.isFloat() && !n.isFloatValue) {
    n.isFloatValue = true;
    n.fval = static_cast<double>(n.ival);
  }
  n.type = t;
  return make(std::move(n));
}

/// Gives weak literals among {a, b} the type of the other operand.
void settleLiterals(Expr& a, Expr& b) {
  if (a->weak && !b->weak) {
    a = retype(a, literalTypeNear(*a, b.type()));
  } else if (b->weak && !a->weak) {
    b = retype(b, literalTypeNear(*b, a.type()));
  }
}

void requireDefined(const Expr& e, const char* what) {
  require(e.defined(), ErrorKind::TypeMismatch, fmt::format("{}: operand is an empty expression", what));
}

WidenOp widenOpFor(BinOp op) {
  switch (op) {
  case BinOp::Add: return WidenOp::Add;
  case BinOp::Sub: return WidenOp::Sub;
  case BinOp::Mul: return WidenOp::Mul;
  default: return WidenOp::Other;
  }
}

} // namespace

Expr::Expr(int v) : Expr(weakInt(v)) {}
Expr::Expr(long v) : Expr(weakInt(v)) {}
Expr::Expr(long long v) : Expr(weakInt(v)) {}
Expr::Expr(double v) {
  ExprNode n;
  n.kind = ExprKind::Const;
  n.type = Float32();
  n.isFloatValue = true;
  n.fval = v;
  n.weak = true;
  node_ = std::make_shared<const ExprNode>(std::move(n));
}

const char* binOpName(BinOp op) {
  switch (op) {
  case BinOp::Add: return "+";
  case BinOp::Sub: return "-";
  case BinOp::Mul: return "*";
  case BinOp::Div: return "/";
  case BinOp::FloorDiv: return "//";
  case BinOp::Mod: return "%";
  case BinOp::Pow: return "**";
  case BinOp::Shl: return "<<";
  case BinOp::Shr: return ">>";
  case BinOp::BitAnd: return "&";
  case BinOp::BitOr: return "|";
  case BinOp::BitXor: return "^";
  case BinOp::Min: return "min";
  case BinOp::Max: return "max";
  case BinOp::Eq: return "==";
  case BinOp::Ne: return "!=";
  case BinOp::Lt: return "<";
  case BinOp::Le: return "<=";
  case BinOp::Gt: return ">";
  case BinOp::Ge: return ">=";
  case BinOp::And: return "and";
  case BinOp::Or: return "or";
  }
  return "?";
}

const char* mathFnName(MathFn fn) {
  switch (fn) {
  case MathFn::Exp: return "exp";
  case MathFn::Log: return "log";
  case MathFn::Log2: return "log2";
  case MathFn::Log10: return "log10";
  case MathFn::Sqrt: return "sqrt";
  case MathFn::Sin: return "sin";
  case MathFn::Cos: return "cos";
  case MathFn::Tan: return "tan";
  case MathFn::Tanh: return "tanh";
  case MathFn::Abs: return "abs";
  case MathFn::Floor: return "floor";
  case MathFn::Ceil: return "ceil";
  }
  return "?";
}

bool isComparison(BinOp op) {
  return op == BinOp::Eq || op == BinOp::Ne || op == BinOp::Lt || op == BinOp::Le ||
         op == BinOp::Gt || op == BinOp::Ge;
}

Expr constant(int64_t v, ElemType t) {
  ExprNode n;
  n.kind = ExprKind::Const;
  n.type = t;
  n.ival = v;
  if (t.isFloat()) {
    n.isFloatValue = true;
    n.fval = static_cast<double>(v);
  }
  return make(std::move(n));
}

Expr constantFloat(double v, ElemType t) {
  ExprNode n;
  n.kind = ExprKind::Const;
  n.type = t;
  n.isFloatValue = true;
  n.fval = v;
  return make(std::move(n));
}

Expr varRef(std::shared_ptr<const VarDecl> var, SourceLoc loc) {
  require(var != nullptr, ErrorKind::Internal, "varRef of a null iterator");
  ExprNode n;
  n.kind = ExprKind::Var;
  n.type = Index();
  n.var = std::move(var);
  n.loc = std::move(loc);
  return make(std::move(n));
}

Expr paramRef(const std::string& name, SourceLoc loc) {
  ExprNode n;
  n.kind = ExprKind::Param;
  n.type = Index();
  n.param = name;
  n.loc = std::move(loc);
  return make(std::move(n));
}

Expr read(std::shared_ptr<ArrayDecl> array, std::vector<Expr> indices, SourceLoc loc) {
  require(array != nullptr, ErrorKind::Internal, "read of a null array");
  require(indices.size() == array->rank(), ErrorKind::DimMismatch,
          fmt::format("array '{}' has {} dimension(s) ({}) but is indexed with {} subscript(s)",
                      array->name, array->rank(), array->typeStr(), indices.size()),
          loc);
  for (size_t d = 0; d < indices.size(); ++d) {
    requireDefined(indices[d], "array subscript");
    require(indices[d].type().isInt(), ErrorKind::TypeMismatch,
            fmt::format("subscript {} of '{}' ({}) must be an integer, got {} ({})", d, array->name,
                        array->typeStr(), indices[d].type().str(), str(indices[d])),
            loc);
  }
  ExprNode n;
  n.kind = ExprKind::Read;
  n.type = array->type;
  n.array = std::move(array);
  n.ops = std::move(indices);
  n.loc = std::move(loc);
  return make(std::move(n));
}

Expr unary(UnOp op, Expr a, SourceLoc loc) {
  requireDefined(a, "unary operation");
  ExprNode n;
  n.kind = ExprKind::Unary;
  n.unop = op;
  n.loc = loc;
  switch (op) {
  case UnOp::Neg:
    // -x widens like 0 - x so that -INT_MIN is representable.
    n.type = a.type().isFloat() || a.type().kind == TypeKind::Index
                 ? a.type()
                 : widen(WidenOp::Sub, a.type(), a.type());
    break;
  case UnOp::Not:
    n.type = Bool();
    a = truth(a, loc);
    break;
  case UnOp::BitNot:
    require(a.type().isBits(), ErrorKind::TypeMismatch,
            fmt::format("'~' needs an integer or fixed-point operand, got {}", a.type().str()), loc);
    n.type = a.type();
    break;
  }
  n.ops = {castIfNeeded(n.type, a, loc)};
  return make(std::move(n));
}

Expr binary(BinOp op, Expr a, Expr b, SourceLoc loc) {
  requireDefined(a, binOpName(op));
  requireDefined(b, binOpName(op));
  settleLiterals(a, b);
  ExprNode n;
  n.kind = ExprKind::Binary;
  n.binop = op;
  n.loc = loc;
  ElemType operandType;
  switch (op) {
  case BinOp::And:
  case BinOp::Or:
    operandType = Bool();
    n.type = Bool();
    a = truth(a, loc);
    b = truth(b, loc);
    break;
  case BinOp::Eq:
  case BinOp::Ne:
  case BinOp::Lt:
  case BinOp::Le:
  case BinOp::Gt:
  case BinOp::Ge:
    operandType = common(a.type(), b.type());
    n.type = Bool();
    break;
  case BinOp::Shl:
  case BinOp::Shr:
    require(a.type().isBits() && b.type().isInt(), ErrorKind::TypeMismatch,
            fmt::format("'{}' needs an integer or fixed-point value and an integer shift amount, "
                        "got {} and {}",
                        binOpName(op), a.type().str(), b.type().str()),
            loc);
    n.type = a.type();
    n.ops = {a, castIfNeeded(Int(64), b, loc)};
    return make(std::move(n));
  case BinOp::BitAnd:
  case BinOp::BitOr:
  case BinOp::BitXor:
    require(a.type().isBits() && b.type().isBits(), ErrorKind::TypeMismatch,
            fmt::format("'{}' needs integer or fixed-point operands, got {} and {}", binOpName(op),
                        a.type().str(), b.type().str()),
            loc);
    operandType = common(a.type(), b.type());
    n.type = operandType;
    break;
  case BinOp::Pow:
    operandType = widen(WidenOp::Other, a.type(), b.type());
    if (!operandType.isFloat()) {
      operandType = Float32();
    }
    n.type = operandType;
    break;
  case BinOp::Mod:
  case BinOp::Div:
  case BinOp::FloorDiv:
    // Division of integers can overflow only for MIN / -1 (and MIN // -1): widen by one bit.
    operandType = widen(WidenOp::Other, a.type(), b.type());
    if (op != BinOp::Mod && operandType.isBits() && !operandType.isFixed() &&
        operandType.kind != TypeKind::Index) {
      operandType = widen(WidenOp::Add, operandType, operandType);
      if (!a.type().isSigned() && !b.type().isSigned()) {
        operandType = UInt(std::max(a.type().width, b.type().width));
      }
    }
    n.type = operandType;
    break;
  default:
    operandType = widen(widenOpFor(op), a.type(), b.type());
    n.type = operandType;
    break;
  }
  n.ops = {castIfNeeded(operandType, a, loc), castIfNeeded(operandType, b, loc)};
  return make(std::move(n));
}

Expr select(Expr cond, Expr a, Expr b, SourceLoc loc) {
  requireDefined(cond, "select");
  requireDefined(a, "select");
  requireDefined(b, "select");
  settleLiterals(a, b);
  ExprNode n;
  n.kind = ExprKind::Select;
  n.type = common(a.type(), b.type());
  n.loc = loc;
  n.ops = {truth(cond, loc), castIfNeeded(n.type, a, loc), castIfNeeded(n.type, b, loc)};
  return make(std::move(n));
}

Expr call(MathFn fn, Expr a, SourceLoc loc) {
  requireDefined(a, mathFnName(fn));
  ExprNode n;
  n.kind = ExprKind::Call;
  n.fn = fn;
  n.loc = loc;
  if (fn == MathFn::Abs) {
    // |MIN| needs one more bit for signed bit patterns.
    n.type = a.type().isBits() && a.type().isSigned() && a.type().kind != TypeKind::Index
                 ? widen(WidenOp::Sub, a.type(), a.type())
                 : a.type();
  } else {
    n.type = a.type().isFloat() ? a.type() : Float32();
  }
  n.ops = {castIfNeeded(n.type, a, loc)};
  return make(std::move(n));
}

Expr cast(ElemType t, Expr a, SourceLoc loc) {
  requireDefined(a, "cast");
  ExprNode n;
  n.kind = ExprKind::Cast;
  n.type = t;
  n.loc = std::move(loc);
  n.ops = {std::move(a)};
  return make(std::move(n));
}

Expr truth(Expr e, SourceLoc loc) {
  requireDefined(e, "condition");
  if (e.type().isBool() && !e->weak) {
    return e;
  }
  return binary(BinOp::Ne, std::move(e), Expr(0), std::move(loc));
}

Expr castIfNeeded(ElemType t, Expr a, SourceLoc loc) {
  requireDefined(a, "cast");
  if (a.type() == t && !a->weak) {
    return a;
  }
  if (a->weak) {
    if (t.isFloat() || (!a->isFloatValue && t.isInt() && fitsInt(a->ival, t))) {
      return retype(a, t);
    }
    a = retype(a, a.type());
    if (a.type() == t) {
      return a;
    }
  }
  return cast(t, std::move(a), std::move(loc));
}

Expr operator+(Expr a, Expr b) { return binary(BinOp::Add, std::move(a), std::move(b)); }
Expr operator-(Expr a, Expr b) { return binary(BinOp::Sub, std::move(a), std::move(b)); }
Expr operator*(Expr a, Expr b) { return binary(BinOp::Mul, std::move(a), std::move(b)); }
Expr operator/(Expr a, Expr b) { return binary(BinOp::Div, std::move(a), std::move(b)); }
Expr operator%(Expr a, Expr b) { return binary(BinOp::Mod, std::move(a), std::move(b)); }
Expr operator<<(Expr a, Expr b) { return binary(BinOp::Shl, std::move(a), std::move(b)); }
Expr operator>>(Expr a, Expr b) { return binary(BinOp::Shr, std::move(a), std::move(b)); }
Expr operator&(Expr a, Expr b) { return binary(BinOp::BitAnd, std::move(a), std::move(b)); }
Expr operator|(Expr a, Expr b) { return binary(BinOp::BitOr, std::move(a), std::move(b)); }
Expr operator^(Expr a, Expr b) { return binary(BinOp::BitXor, std::move(a), std::move(b)); }
Expr operator-(Expr a) {
  if (a.defined() && a->weak) {
    ExprNode n = *a;
    n.ival = -n.ival;
    n.fval = -n.fval;
    return Expr(std::make_shared<const ExprNode>(std::move(n)));
  }
  return unary(UnOp::Neg, std::move(a));
}
Expr operator!(Expr a) { return unary(UnOp::Not, std::move(a)); }
Expr operator~(Expr a) { return unary(UnOp::BitNot, std::move(a)); }
Expr operator==(Expr a, Expr b) { return binary(BinOp::Eq, std::move(a), std::move(b)); }
Expr operator!=(Expr a, Expr b) { return binary(BinOp::Ne, std::move(a), std::move(b)); }
Expr operator<(Expr a, Expr b) { return binary(BinOp::Lt, std::move(a), std::move(b)); }
Expr operator<=(Expr a, Expr b) { return binary(BinOp::Le, std::move(a), std::move(b)); }
Expr operator>(Expr a, Expr b) { return binary(BinOp::Gt, std::move(a), std::move(b)); }
Expr operator>=(Expr a, Expr b) { return binary(BinOp::Ge, std::move(a), std::move(b)); }
Expr operator&&(Expr a, Expr b) { return binary(BinOp::And, std::move(a), std::move(b)); }
Expr operator||(Expr a, Expr b) { return binary(BinOp::Or, std::move(a), std::move(b)); }
Expr floordiv(Expr a, Expr b) { return binary(BinOp::FloorDiv, std::move(a), std::move(b)); }
Expr min(Expr a, Expr b) { return binary(BinOp::Min, std::move(a), std::move(b)); }
Expr max(Expr a, Expr b) { return binary(BinOp::Max, std::move(a), std::move(b)); }
Expr pow(Expr a, Expr b) { return binary(BinOp::Pow, std::move(a), std::move(b)); }
Expr abs(Expr a) { return call(MathFn::Abs, std::move(a)); }
Expr exp(Expr a) { return call(MathFn::Exp, std::move(a)); }
Expr log(Expr a) { return call(MathFn::Log, std::move(a)); }
Expr log2(Expr a) { return call(MathFn::Log2, std::move(a)); }
Expr log10(Expr a) { return call(MathFn::Log10, std::move(a)); }
Expr sqrt(Expr a) { return call(MathFn::Sqrt, std::move(a)); }
Expr sin(Expr a) { return call(MathFn::Sin, std::move(a)); }
Expr cos(Expr a) { return call(MathFn::Cos, std::move(a)); }
Expr tan(Expr a) { return call(MathFn::Tan, std::move(a)); }
Expr tanh(Expr a) { return call(MathFn::Tanh, std::move(a)); }
Expr floor(Expr a) { return call(MathFn::Floor, std::move(a)); }
Expr ceil(Expr a) { return call(MathFn::Ceil, std::move(a)); }

bool constantValue(const Expr& e, int64_t& out) {
  if (!e.defined()) {
    return false;
  }
  if (e->kind == ExprKind::Const && !e->isFloatValue) {
    out = e->ival;
    return true;
  }
  if (e->kind == ExprKind::Cast && e.type().isInt()) {
    return constantValue(e->ops[0], out);
  }
  return false;
}

bool isAffine(const Expr& e) {
  if (!e.defined() || !e.type().isInt()) {
    return false;
  }
  int64_t c = 0;
  switch (e->kind) {
  case ExprKind::Const:
  case ExprKind::Var:
  case ExprKind::Param:
    return true;
  case ExprKind::Cast:
    return isAffine(e->ops[0]);
  case ExprKind::Unary:
    return e->unop == UnOp::Neg && isAffine(e->ops[0]);
  case ExprKind::Binary:
    switch (e->binop) {
    case BinOp::Add:
    case BinOp::Sub:
    case BinOp::Min:
    case BinOp::Max:
      return isAffine(e->ops[0]) && isAffine(e->ops[1]);
    case BinOp::Mul:
      return isAffine(e->ops[0]) && isAffine(e->ops[1]) &&
             (constantValue(e->ops[0], c) || constantValue(e->ops[1], c));
    case BinOp::FloorDiv:
    case BinOp::Mod:
      return isAffine(e->ops[0]) && constantValue(e->ops[1], c) && c > 0;
    default:
      return false;
    }
  default:
    return false;
  }
}

bool isAffineCondition(const Expr& e) {
  if (!e.defined()) {
    return false;
  }
  if (e->kind == ExprKind::Const && !e->isFloatValue) {
    return true;
  }
  if (e->kind == ExprKind::Cast && e.type().isBool()) {
    return isAffineCondition(e->ops[0]);
  }
  if (e->kind == ExprKind::Unary && e->unop == UnOp::Not) {
    return isAffineCondition(e->ops[0]);
  }
  if (e->kind != ExprKind::Binary) {
    return false;
  }
  if (e->binop == BinOp::And || e->binop == BinOp::Or) {
    return isAffineCondition(e->ops[0]) && isAffineCondition(e->ops[1]);
  }
  return isComparison(e->binop) && isAffine(e->ops[0]) && isAffine(e->ops[1]);
}

std::string str(const Expr& e) {
  if (!e.defined()) {
    return "<undefined>";
  }
  switch (e->kind) {
  case ExprKind::Const:
    if (e->isFloatValue) {
      return fmt::format("{}", e->fval);
    }
    return fmt::format("{}", e->ival);
  case ExprKind::Var: return e->var->name;
  case ExprKind::Param: return e->param;
  case ExprKind::Read: {
    std::string get = e->array->isStream() ? ".get()" : "";
    if (e->ops.empty()) {
      return e->array->name + get;
    }
    std::string s = e->array->name + "[";
    for (size_t i = 0; i < e->ops.size(); ++i) {
      s += (i ? ", " : "") + str(e->ops[i]);
    }
    return s + "]" + get;
  }
  case ExprKind::Unary:
    switch (e->unop) {
    case UnOp::Neg: return "-(" + str(e->ops[0]) + ")";
    case UnOp::Not: return "not (" + str(e->ops[0]) + ")";
    case UnOp::BitNot: return "~(" + str(e->ops[0]) + ")";
    }
    return "?";
  case ExprKind::Binary:
    if (e->binop == BinOp::Min || e->binop == BinOp::Max) {
      return fmt::format("{}({}, {})", binOpName(e->binop), str(e->ops[0]), str(e->ops[1]));
    }
    return fmt::format("({} {} {})", str(e->ops[0]), binOpName(e->binop), str(e->ops[1]));
  case ExprKind::Select:
    return fmt::format("({} if {} else {})", str(e->ops[1]), str(e->ops[0]), str(e->ops[2]));
  case ExprKind::Call:
    return fmt::format("{}({})", mathFnName(e->fn), str(e->ops[0]));
  case ExprKind::Cast:
    return fmt::format("{}({})", e.type().str(), str(e->ops[0]));
  }
  return "?";
}

} // namespace polyallo::core
