#include "codegen/CExpr.h"

#include "codegen/CTypes.h"

#include <cmath>
#include <fmt/format.h>

namespace polyallo::codegen {

using core::BinOp;
using core::ElemType;
using core::Expr;
using core::ExprKind;
using core::MathFn;
using core::TypeKind;
using core::UnOp;

const std::string& cPrelude() {
  // Each helper is small enough that the C compiler inlines and folds the
  // constant widths away. Signed values enter helpers as int64_t, bit
  // patterns as uint64_t; nothing here has undefined behaviour for any input.
  static const std::string kPrelude = R"(#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* ---- polyallo runtime helpers (exact semantics of polyallo's types) ---- */

__extension__ typedef __int128 pa_i128;
__extension__ typedef unsigned __int128 pa_u128;

/* Two's complement reading of a 64-bit pattern (no implementation-defined cast). */
static inline int64_t pa_s64(uint64_t x) {
  return x <= (uint64_t)INT64_MAX ? (int64_t)x : -(int64_t)~x - 1;
}
/* The low w bits of x, sign-extended (1 <= w <= 64). */
static inline int64_t pa_wrap_s(uint64_t x, int w) {
  if (w < 64) {
    uint64_t m = (uint64_t)1 << (w - 1);
    x = ((x & ((m << 1) - 1)) ^ m) - m;
  }
  return pa_s64(x);
}
/* The low w bits of x, zero-extended (1 <= w <= 64). */
static inline uint64_t pa_wrap_u(uint64_t x, int w) {
  return w < 64 ? x & (((uint64_t)1 << w) - 1) : x;
}
/* Shifts: amounts outside [0, 64) give 0 (left) or the sign fill (right). */
static inline uint64_t pa_shl(uint64_t x, int64_t n) { return n >= 0 && n < 64 ? x << n : 0; }
static inline uint64_t pa_shr_u(uint64_t x, int64_t n) { return n >= 0 && n < 64 ? x >> n : 0; }
static inline int64_t pa_shr_s(int64_t x, int64_t n) {
  if (n < 0 || n >= 64) {
    return x < 0 ? -1 : 0;
  }
  return x < 0 ? ~(~x >> n) : x >> n; /* floor(x / 2^n) without shifting a negative value */
}
/* Integer division and remainder: by zero gives 0, INT64_MIN / -1 wraps. */
static inline int64_t pa_div_s(int64_t a, int64_t b) {
  if (b == 0) {
    return 0;
  }
  return b == -1 ? pa_s64((uint64_t)0 - (uint64_t)a) : a / b;
}
static inline uint64_t pa_div_u(uint64_t a, uint64_t b) { return b == 0 ? 0 : a / b; }
static inline int64_t pa_mod_s(int64_t a, int64_t b) { return b == 0 || b == -1 ? 0 : a % b; }
static inline uint64_t pa_mod_u(uint64_t a, uint64_t b) { return b == 0 ? 0 : a % b; }
static inline int64_t pa_floordiv_s(int64_t a, int64_t b) {
  int64_t q = pa_div_s(a, b);
  return b != 0 && b != -1 && a % b != 0 && ((a < 0) != (b < 0)) ? q - 1 : q;
}
/* Fixed point: (a * b) >> f of the exact 128-bit product (floor). */
static inline uint64_t pa_mulshr_s(int64_t a, int64_t b, int f) {
  pa_i128 p = (pa_i128)a * (pa_i128)b;
  pa_i128 q = p < 0 ? ~(~p >> f) : p >> f;
  return (uint64_t)(pa_u128)q;
}
static inline uint64_t pa_mulshr_u(uint64_t a, uint64_t b, int f) {
  return (uint64_t)(((pa_u128)a * (pa_u128)b) >> f);
}
/* Fixed point: (a << f) / b of the exact 128-bit dividend, truncating; by 0 gives 0. */
static inline uint64_t pa_fxdiv_s(int64_t a, int64_t b, int f) {
  pa_i128 n = (pa_i128)a * ((pa_i128)1 << f);
  if (b == 0) {
    return 0;
  }
  if (b == -1) {
    return (uint64_t)((pa_u128)0 - (pa_u128)n);
  }
  return (uint64_t)(pa_u128)(n / b);
}
static inline uint64_t pa_fxdiv_u(uint64_t a, uint64_t b, int f) {
  return b == 0 ? 0 : (uint64_t)(((pa_u128)a << f) / b);
}
/* |a| of a signed value, wrapped to w bits. */
static inline int64_t pa_abs_s(int64_t a, int w) {
  return pa_wrap_s(a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a, w);
}
/* float -> bit pattern: floor (fixed) or truncate (int) x * 2^f, modulo 2^64.
   Each step is exact; NaN and infinities give 0; no out-of-range cast. */
static inline uint64_t pa_f2bits(double x, int f, int floorMode) {
  if (isnan(x)) {
    return 0;
  }
  x = ldexp(x, f);
  x = floorMode ? floor(x) : trunc(x);
  if (isinf(x)) {
    return 0;
  }
  x = fmod(x, 18446744073709551616.0);
  return x < 0 ? (uint64_t)0 - (uint64_t)(-x) : (uint64_t)x;
}
/* min / max with std::min / std::max semantics: deterministic for NaN and -0.0. */
static inline int64_t pa_min_s(int64_t a, int64_t b) { return b < a ? b : a; }
static inline int64_t pa_max_s(int64_t a, int64_t b) { return a < b ? b : a; }
static inline uint64_t pa_min_u(uint64_t a, uint64_t b) { return b < a ? b : a; }
static inline uint64_t pa_max_u(uint64_t a, uint64_t b) { return a < b ? b : a; }
static inline float pa_min_f32(float a, float b) { return b < a ? b : a; }
static inline float pa_max_f32(float a, float b) { return a < b ? b : a; }
static inline double pa_min_f64(double a, double b) { return b < a ? b : a; }
static inline double pa_max_f64(double a, double b) { return a < b ? b : a; }
/* Loop bounds: floor division by a positive constant. */
static inline int64_t pa_floordiv_i(int64_t a, int64_t b) {
  return a < 0 ? -((-a + b - 1) / b) : a / b;
}
/* Element count for calloc: at least one element. */
static inline size_t pa_count(int64_t n) { return n > 0 ? (size_t)n : 1; }
)";
  return kPrelude;
}

namespace {

bool isSignedBits(const ElemType& t) { return t.isBits() && t.isSigned(); }

/// Wraps a uint64_t pattern expression to `t`'s width in `t`'s carrier.
std::string wrap(const std::string& bits, const ElemType& t) {
  if (t.isSigned()) {
    return t.width >= 64 ? fmt::format("pa_s64({})", bits)
                         : fmt::format("pa_wrap_s({}, {})", bits, t.width);
  }
  return t.width >= 64 ? bits : fmt::format("pa_wrap_u({}, {})", bits, t.width);
}

/// `x` (a carrier value of bits type t) as a uint64_t pattern.
std::string asBits(const std::string& x, const ElemType& t) {
  return t.isSigned() ? fmt::format("(uint64_t){}", x) : x;
}

std::string floatLiteral(double v, bool single) {
  if (std::isnan(v)) {
    return single ? "NAN" : "((double)NAN)";
  }
  if (std::isinf(v)) {
    std::string inf = single ? "INFINITY" : "((double)INFINITY)";
    return v < 0 ? "(-" + inf + ")" : inf;
  }
  // Hexadecimal floats round-trip exactly.
  std::string text = single ? fmt::format("{:a}f", static_cast<double>(static_cast<float>(v)))
                            : fmt::format("{:a}", v);
  return std::signbit(v) ? "(" + text + ")" : text;
}

const char* mathName(MathFn fn, bool single) {
  switch (fn) {
  case MathFn::Exp:
    return single ? "expf" : "exp";
  case MathFn::Log:
    return single ? "logf" : "log";
  case MathFn::Log2:
    return single ? "log2f" : "log2";
  case MathFn::Log10:
    return single ? "log10f" : "log10";
  case MathFn::Sqrt:
    return single ? "sqrtf" : "sqrt";
  case MathFn::Sin:
    return single ? "sinf" : "sin";
  case MathFn::Cos:
    return single ? "cosf" : "cos";
  case MathFn::Tan:
    return single ? "tanf" : "tan";
  case MathFn::Tanh:
    return single ? "tanhf" : "tanh";
  case MathFn::Abs:
    return single ? "fabsf" : "fabs";
  case MathFn::Floor:
    return single ? "floorf" : "floor";
  case MathFn::Ceil:
    return single ? "ceilf" : "ceil";
  }
  return "?";
}

class Emitter {
public:
  explicit Emitter(const CNames& names) : names_(names) {}

  std::string expr(const Expr& e) {
    require(e.defined(), ErrorKind::Internal, "C emission of an empty expression");
    switch (e->kind) {
    case ExprKind::Const:
      return emitCConstant(*e);
    case ExprKind::Var:
      return names_.var(*e->var); // an identifier or parenthesized
    case ExprKind::Param:
      return names_.param(e->param);
    case ExprKind::Read:
      return read(*e);
    case ExprKind::Unary:
      return unary(*e);
    case ExprKind::Binary:
      return binary(*e);
    case ExprKind::Select:
      return fmt::format("({} ? {} : {})", expr(e->ops[0]), expr(e->ops[1]), expr(e->ops[2]));
    case ExprKind::Call:
      return call(*e);
    case ExprKind::Cast:
      return emitCCast(expr(e->ops[0]), e->ops[0].type(), e.type());
    }
    throw Error(ErrorKind::Internal, "C emission: unknown expression kind");
  }

  std::string flatIndex(const core::ArrayDecl& a, const std::vector<Expr>& indices) {
    require(indices.size() == a.rank(), ErrorKind::Internal,
            fmt::format("C emission: '{}' indexed with {} subscripts", a.name, indices.size()));
    if (indices.empty()) {
      return "0";
    }
    std::string flat = checkedIndex(a, indices, 0);
    for (size_t d = 1; d < indices.size(); ++d) {
      flat = fmt::format("{} * {} + {}", d == 1 ? flat : "(" + flat + ")", extent(a, d),
                         checkedIndex(a, indices, d));
    }
    return flat;
  }

  /// Subscript `d`, wrapped in pa_idx (CEmitter's prelude) unless the model
  /// proved it in bounds: an affine subscript of an unguarded statement.
  std::string checkedIndex(const core::ArrayDecl& a, const std::vector<Expr>& indices, size_t d) {
    std::string i = index(indices[d]);
    if (!names_.checkAll && core::isAffine(indices[d])) {
      return i;
    }
    std::string site;
    for (char c : fmt::format("{}: {} subscript {}", names_.site, a.name, d + 1)) {
      site += (c == '"' || c == '\\' || c < ' ') ? '_' : c;
    }
    return fmt::format("pa_idx({}, {}, \"{}\")", i, extent(a, d), site);
  }

  std::string extent(const core::ArrayDecl& a, size_t d) { return index(a.shape[d]); }

private:
  /// An integer expression as an int64_t.
  std::string index(const Expr& e) {
    std::string x = expr(e);
    return e.type().isSigned() ? x : fmt::format("pa_s64({})", x);
  }

  std::string read(const core::ExprNode& e) {
    std::string access;
    if (e.array->isStream()) {
      access = names_.streamGet ? names_.streamGet(e)
                                : fmt::format("pa_get_{}(&{}[{}])", cStorage(e.array->type).name,
                                              names_.array(*e.array), flatIndex(*e.array, e.ops));
    } else {
      access = fmt::format("{}[{}]", names_.array(*e.array), flatIndex(*e.array, e.ops));
    }
    return e.type.isFloat() ? access : fmt::format("(({}){})", cCarrier(e.type), access);
  }

  std::string unary(const core::ExprNode& e) {
    const ElemType& t = e.type;
    std::string a = expr(e.ops[0]);
    switch (e.unop) {
    case UnOp::Neg:
      if (t.isFloat()) {
        return "(-" + a + ")";
      }
      return wrap(fmt::format("(uint64_t)0 - {}", asBits(a, t)), t);
    case UnOp::Not:
      return fmt::format("(uint64_t)!{}", a);
    case UnOp::BitNot:
      return wrap(fmt::format("~{}", asBits(a, t)), t);
    }
    throw Error(ErrorKind::Internal, "C emission: unknown unary operator");
  }

  std::string binary(const core::ExprNode& e) {
    const ElemType& t = e.ops[0].type(); // the type the operation computes in
    std::string a = expr(e.ops[0]);
    std::string b = expr(e.ops[1]);
    BinOp op = e.binop;
    if (core::isComparison(op)) {
      return fmt::format("(uint64_t)({} {} {})", a, core::binOpName(op), b);
    }
    if (op == BinOp::And || op == BinOp::Or) {
      return fmt::format("(uint64_t)({} {} {})", a, op == BinOp::And ? "&&" : "||", b);
    }
    if (t.isFloat()) {
      return floatBinary(op, t.kind == TypeKind::Float32, a, b);
    }
    return bitsBinary(op, e.type, t, a, b);
  }

  static std::string floatBinary(BinOp op, bool single, const std::string& a,
                                 const std::string& b) {
    const char* sfx = single ? "f" : "";
    switch (op) {
    case BinOp::Add:
    case BinOp::Sub:
    case BinOp::Mul:
    case BinOp::Div:
      return fmt::format("({} {} {})", a, core::binOpName(op), b);
    case BinOp::FloorDiv:
      return fmt::format("floor{}({} / {})", sfx, a, b);
    case BinOp::Mod:
      return fmt::format("fmod{}({}, {})", sfx, a, b);
    case BinOp::Pow:
      return fmt::format("pow{}({}, {})", sfx, a, b);
    case BinOp::Min:
      return fmt::format("pa_min_f{}({}, {})", single ? 32 : 64, a, b);
    case BinOp::Max:
      return fmt::format("pa_max_f{}({}, {})", single ? 32 : 64, a, b);
    default:
      throw Error(ErrorKind::Internal,
                  fmt::format("C emission: '{}' on floating-point operands", core::binOpName(op)));
    }
  }

  /// `rt` is the result type, `t` the operands' type (equal except for shifts).
  static std::string bitsBinary(BinOp op, const ElemType& rt, const ElemType& t,
                                const std::string& a, const std::string& b) {
    bool s = t.isSigned();
    int f = t.frac;
    std::string ab = asBits(a, t);
    std::string bb = asBits(b, t);
    switch (op) {
    case BinOp::Add:
      return wrap(fmt::format("{} + {}", ab, bb), rt);
    case BinOp::Sub:
      return wrap(fmt::format("{} - {}", ab, bb), rt);
    case BinOp::Mul:
      if (f == 0) {
        return wrap(fmt::format("{} * {}", ab, bb), rt);
      }
      return wrap(fmt::format("pa_mulshr_{}({}, {}, {})", s ? 's' : 'u', a, b, f), rt);
    case BinOp::Div:
      if (f == 0) {
        return s ? wrap(fmt::format("(uint64_t)pa_div_s({}, {})", a, b), rt)
                 : fmt::format("pa_div_u({}, {})", a, b);
      }
      return wrap(fmt::format("pa_fxdiv_{}({}, {}, {})", s ? 's' : 'u', a, b, f), rt);
    case BinOp::FloorDiv: {
      std::string q = s ? fmt::format("(uint64_t)pa_floordiv_s({}, {})", a, b)
                        : fmt::format("pa_div_u({}, {})", a, b);
      return wrap(f == 0 ? q : fmt::format("pa_shl({}, {})", q, f), rt);
    }
    case BinOp::Mod:
      return fmt::format("pa_mod_{}({}, {})", s ? 's' : 'u', a, b);
    case BinOp::Shl:
      return wrap(fmt::format("pa_shl({}, {})", ab, b), rt);
    case BinOp::Shr:
      return s ? fmt::format("pa_shr_s({}, {})", a, b) : fmt::format("pa_shr_u({}, {})", a, b);
    case BinOp::BitAnd:
      return wrap(fmt::format("({} & {})", ab, bb), rt);
    case BinOp::BitOr:
      return wrap(fmt::format("({} | {})", ab, bb), rt);
    case BinOp::BitXor:
      return wrap(fmt::format("({} ^ {})", ab, bb), rt);
    case BinOp::Min:
      return fmt::format("pa_min_{}({}, {})", s ? 's' : 'u', a, b);
    case BinOp::Max:
      return fmt::format("pa_max_{}({}, {})", s ? 's' : 'u', a, b);
    default:
      throw Error(ErrorKind::Internal,
                  fmt::format("C emission: '{}' on {} operands", core::binOpName(op), t.str()));
    }
  }

  std::string call(const core::ExprNode& e) {
    const ElemType& t = e.type;
    std::string a = expr(e.ops[0]);
    if (t.isFloat()) {
      return fmt::format("{}({})", mathName(e.fn, t.kind == TypeKind::Float32), a);
    }
    require(e.fn == MathFn::Abs, ErrorKind::Internal,
            fmt::format("C emission: {} of a {} value", core::mathFnName(e.fn), t.str()));
    return isSignedBits(t) ? fmt::format("pa_abs_s({}, {})", a, t.width) : a;
  }

  const CNames& names_;
};

} // namespace

std::string cIntLiteral(int64_t v) {
  if (v == INT64_MIN) {
    return "(-INT64_C(9223372036854775807) - 1)";
  }
  if (v >= INT32_MIN && v <= INT32_MAX) {
    return v < 0 ? fmt::format("({})", v) : fmt::format("{}", v);
  }
  return v < 0 ? fmt::format("(-INT64_C({}))", -v) : fmt::format("INT64_C({})", v);
}

std::string emitCConstant(const core::ExprNode& e) {
  const ElemType& t = e.type;
  if (t.isFloat()) {
    double v = e.isFloatValue ? e.fval : static_cast<double>(e.ival);
    return floatLiteral(v, t.kind == TypeKind::Float32);
  }
  uint64_t bits = 0;
  if (e.isFloatValue) {
    bits = floatToBits(e.fval, t);
  } else {
    // An integer value of a fixed-point type: raw = value * 2^f, wrapped.
    uint64_t v = static_cast<uint64_t>(e.ival);
    bits = wrapBits(t.frac >= 64 ? 0 : v << t.frac, t);
  }
  if (t.isSigned()) {
    return cIntLiteral(static_cast<int64_t>(bits));
  }
  return fmt::format("UINT64_C({})", bits);
}

std::string emitCCast(const std::string& x, const ElemType& from, const ElemType& to) {
  if (from == to) {
    return x;
  }
  if (to.isFloat()) {
    bool single = to.kind == TypeKind::Float32;
    if (from.isFloat()) {
      return fmt::format("({}){}", single ? "float" : "double", x);
    }
    if (from.frac == 0) {
      return fmt::format("({}){}", single ? "float" : "double", x);
    }
    // One rounding (int64 -> float), then an exact scaling by 2^-f.
    return single ? fmt::format("ldexpf((float){}, -{})", x, from.frac)
                  : fmt::format("ldexp((double){}, -{})", x, from.frac);
  }
  if (from.isFloat()) {
    return wrap(fmt::format("pa_f2bits((double){}, {}, {})", x, to.frac, to.isFixed() ? 1 : 0), to);
  }
  // Bit pattern to bit pattern: a widening that keeps every value changes
  // at most the carrier; otherwise align the fraction bits, then wrap.
  bool keepsValues = from.frac == to.frac &&
                     (from.isSigned() == to.isSigned() ? to.width >= from.width
                                                       : !from.isSigned() && to.width > from.width);
  if (keepsValues) {
    return from.isSigned() == to.isSigned() ? x : fmt::format("(int64_t){}", x);
  }
  int shift = to.frac - from.frac;
  std::string bits;
  if (shift > 0) {
    bits = fmt::format("pa_shl({}, {})", asBits(x, from), shift);
  } else if (shift < 0) {
    bits = from.isSigned() ? fmt::format("(uint64_t)pa_shr_s({}, {})", x, -shift)
                           : fmt::format("pa_shr_u({}, {})", x, -shift);
  } else {
    bits = asBits(x, from);
  }
  return wrap(bits, to);
}

std::string emitCAstExpr(const AstExprPtr& e,
                         const std::function<std::string(const std::string&)>& name) {
  switch (e->kind) {
  case AstExpr::Kind::Int:
    return cIntLiteral(e->value);
  case AstExpr::Kind::Id:
    return name(e->name);
  case AstExpr::Kind::Op:
    break;
  }
  std::vector<std::string> a;
  for (const auto& arg : e->args) {
    a.push_back(emitCAstExpr(arg, name));
  }
  auto infix = [&](const char* op) {
    return fmt::format("({})", fmt::join(a, fmt::format(" {} ", op)));
  };
  auto fold = [&](const char* fn) {
    std::string acc = a.back();
    for (size_t i = a.size() - 1; i-- > 0;) {
      acc = fmt::format("{}({}, {})", fn, a[i], acc);
    }
    return acc;
  };
  switch (e->op) {
  case AstOp::Add:
    return infix("+");
  case AstOp::Sub:
    return infix("-");
  case AstOp::Mul:
    return infix("*");
  case AstOp::Minus:
    return fmt::format("(-{})", a[0]);
  case AstOp::Div:
  case AstOp::PdivQ:
    return infix("/");
  case AstOp::FdivQ:
    return fmt::format("pa_floordiv_i({}, {})", a[0], a[1]);
  case AstOp::PdivR:
  case AstOp::ZdivR:
    return infix("%");
  case AstOp::Min:
    return fold("pa_min_s");
  case AstOp::Max:
    return fold("pa_max_s");
  case AstOp::Select:
  case AstOp::Cond:
    return fmt::format("({} ? {} : {})", a[0], a[1], a[2]);
  case AstOp::Eq:
    return infix("==");
  case AstOp::Le:
    return infix("<=");
  case AstOp::Lt:
    return infix("<");
  case AstOp::Ge:
    return infix(">=");
  case AstOp::Gt:
    return infix(">");
  case AstOp::And:
  case AstOp::AndThen:
    return infix("&&");
  case AstOp::Or:
  case AstOp::OrElse:
    return infix("||");
  }
  throw Error(ErrorKind::Internal, "C emission: unknown loop AST operator");
}

std::string emitCExpr(const Expr& e, const CNames& names) { return Emitter(names).expr(e); }

std::string emitCFlatIndex(const core::ArrayDecl& array, const std::vector<Expr>& indices,
                           const CNames& names) {
  return Emitter(names).flatIndex(array, indices);
}

std::string emitCElementCount(const core::ArrayDecl& array, const CNames& names) {
  Emitter em(names);
  std::string count = "1";
  for (size_t d = 0; d < array.rank(); ++d) {
    count = d == 0 ? em.extent(array, d) : fmt::format("{} * {}", count, em.extent(array, d));
  }
  return count;
}

} // namespace polyallo::codegen
