#include "codegen/HlsExpr.h"

#include "codegen/CExpr.h"
#include "codegen/CTypes.h"

#include <fmt/format.h>

namespace polyallo::codegen {

using core::BinOp;
using core::ElemType;
using core::Expr;
using core::ExprKind;
using core::MathFn;
using core::TypeKind;
using core::UnOp;

namespace {

bool isIndex(const ElemType& t) { return t.kind == TypeKind::Index; }

const char* mathName(MathFn fn) {
  switch (fn) {
  case MathFn::Exp:
    return "exp";
  case MathFn::Log:
    return "log";
  case MathFn::Log2:
    return "log2";
  case MathFn::Log10:
    return "log10";
  case MathFn::Sqrt:
    return "sqrt";
  case MathFn::Sin:
    return "sin";
  case MathFn::Cos:
    return "cos";
  case MathFn::Tan:
    return "tan";
  case MathFn::Tanh:
    return "tanh";
  case MathFn::Abs:
    return "fabs";
  case MathFn::Floor:
    return "floor";
  case MathFn::Ceil:
    return "ceil";
  }
  return "?";
}

class Emitter {
public:
  explicit Emitter(const HlsNames& names) : names_(names) {}

  std::string expr(const Expr& e) {
    require(e.defined(), ErrorKind::Internal, "HLS emission of an empty expression");
    switch (e->kind) {
    case ExprKind::Const:
      return constant(*e);
    case ExprKind::Var:
      return names_.var(*e->var);
    case ExprKind::Param:
      return names_.param(e->param);
    case ExprKind::Read:
      // A read of a stream pops its FIFO.
      return e->array->isStream() ? fifo(*e->array, e->ops) + ".read()" : access(*e->array, e->ops);
    case ExprKind::Unary:
      return unary(*e);
    case ExprKind::Binary:
      return binary(*e);
    case ExprKind::Select:
      return fmt::format("(pa_bool({}) ? {} : {})", expr(e->ops[0]), expr(e->ops[1]),
                         expr(e->ops[2]));
    case ExprKind::Call:
      return call(*e);
    case ExprKind::Cast:
      return cast(expr(e->ops[0]), e->ops[0].type(), e.type());
    }
    throw Error(ErrorKind::Internal, "HLS emission: unknown expression kind");
  }

  std::string access(const core::ArrayDecl& a, const std::vector<Expr>& indices) {
    require(indices.size() == a.rank(), ErrorKind::Internal,
            fmt::format("HLS emission: '{}' indexed with {} subscripts", a.name, indices.size()));
    std::string out = names_.array(a);
    if (indices.empty()) {
      return out + "[0]";
    }
    for (const Expr& i : indices) {
      out += "[" + index(i) + "]";
    }
    return out;
  }

  std::string fifo(const core::ArrayDecl& a, const std::vector<Expr>& indices) {
    require(indices.size() == a.rank(), ErrorKind::Internal,
            fmt::format("HLS emission: stream '{}' indexed with {} subscripts", a.name,
                        indices.size()));
    std::string out = names_.array(a); // one FIFO is a plain hls::stream, not an array
    for (const Expr& i : indices) {
      out += "[" + index(i) + "]";
    }
    return out;
  }

private:
  /// An integer expression as an int64_t.
  std::string index(const Expr& e) {
    std::string x = expr(e);
    return isIndex(e.type()) ? x : cast(x, e.type(), core::Index());
  }

  static std::string constant(const core::ExprNode& e) {
    const ElemType& t = e.type;
    std::string c = emitCConstant(e); // the normalized value in the C carrier
    if (t.isFloat() || isIndex(t)) {
      return c;
    }
    if (t.isFixed()) {
      return fmt::format("pa_from_raw<{}>({})", hlsType(t), c);
    }
    return fmt::format("{}({})", hlsType(t), c);
  }

  std::string unary(const core::ExprNode& e) {
    const ElemType& t = e.type;
    std::string a = expr(e.ops[0]);
    switch (e.unop) {
    case UnOp::Neg:
      return t.isFloat() || isIndex(t) ? "(-" + a + ")" : fmt::format("{}(-{})", hlsType(t), a);
    case UnOp::Not:
      return fmt::format("ap_uint<1>(!pa_bool({}))", a);
    case UnOp::BitNot:
      return isIndex(t) ? "(~" + a + ")" : fmt::format("pa_bitnot({})", a);
    }
    throw Error(ErrorKind::Internal, "HLS emission: unknown unary operator");
  }

  std::string binary(const core::ExprNode& e) {
    const ElemType& t = e.ops[0].type(); // the type the operation computes in
    std::string rt = hlsType(e.type);
    std::string a = expr(e.ops[0]);
    std::string b = expr(e.ops[1]);
    BinOp op = e.binop;
    if (core::isComparison(op)) {
      return fmt::format("ap_uint<1>({} {} {})", a, core::binOpName(op), b);
    }
    switch (op) {
    case BinOp::And:
      return fmt::format("ap_uint<1>(pa_bool({}) && pa_bool({}))", a, b);
    case BinOp::Or:
      return fmt::format("ap_uint<1>(pa_bool({}) || pa_bool({}))", a, b);
    case BinOp::Add:
    case BinOp::Sub:
    case BinOp::Mul:
      if (t.isFloat() || isIndex(t)) {
        return fmt::format("({} {} {})", a, core::binOpName(op), b);
      }
      return fmt::format("{}({} {} {})", rt, a, core::binOpName(op), b);
    case BinOp::Div:
      if (t.isFloat()) {
        return fmt::format("({} / {})", a, b);
      }
      if (isIndex(t)) {
        return fmt::format("pa_idiv({}, {})", a, b);
      }
      return fmt::format("pa_{}div<{}>({}, {})", t.isFixed() ? "fx" : "", rt, a, b);
    case BinOp::FloorDiv:
      return t.isFloat()  ? fmt::format("hls::floor({} / {})", a, b)
             : isIndex(t) ? fmt::format("pa_ifloordiv({}, {})", a, b)
                          : fmt::format("pa_floordiv<{}>({}, {})", rt, a, b);
    case BinOp::Mod:
      return t.isFloat()  ? fmt::format("pa_fmod({}, {})", a, b)
             : isIndex(t) ? fmt::format("pa_imod({}, {})", a, b)
                          : fmt::format("pa_mod<{}>({}, {})", rt, a, b);
    case BinOp::Pow:
      return fmt::format("hls::pow({}, {})", a, b);
    case BinOp::Shl:
      return isIndex(t) ? fmt::format("pa_ishl({}, {})", a, b)
                        : fmt::format("pa_shl<{}>({}, {})", rt, a, b);
    case BinOp::Shr:
      return isIndex(t) ? fmt::format("pa_ishr({}, {})", a, b)
                        : fmt::format("pa_shr<{}>({}, {})", rt, a, b);
    case BinOp::BitAnd:
    case BinOp::BitOr:
    case BinOp::BitXor:
      if (isIndex(t)) {
        return fmt::format("({} {} {})", a, core::binOpName(op), b);
      }
      return fmt::format("pa_bitop<{}>({}, {}, '{}')", rt, a, b, core::binOpName(op));
    case BinOp::Min:
      return isIndex(t) ? fmt::format("pa_min_s({}, {})", a, b)
                        : fmt::format("pa_min({}, {})", a, b);
    case BinOp::Max:
      return isIndex(t) ? fmt::format("pa_max_s({}, {})", a, b)
                        : fmt::format("pa_max({}, {})", a, b);
    default:
      break;
    }
    throw Error(ErrorKind::Internal,
                fmt::format("HLS emission: '{}' on {} operands", core::binOpName(op), t.str()));
  }

  std::string call(const core::ExprNode& e) {
    const ElemType& t = e.type;
    std::string a = expr(e.ops[0]);
    if (t.isFloat()) {
      return fmt::format("hls::{}({})", mathName(e.fn), a);
    }
    require(e.fn == MathFn::Abs, ErrorKind::Internal,
            fmt::format("HLS emission: {} of a {} value", core::mathFnName(e.fn), t.str()));
    return t.isSigned() ? fmt::format("pa_abs({})", a) : a;
  }

  /// `x` of type `from` converted to `to`, as the CPU simulation converts.
  static std::string cast(const std::string& x, const ElemType& from, const ElemType& to) {
    if (from == to) {
      return x;
    }
    if (to.isFloat()) {
      const char* fl = to.kind == TypeKind::Float32 ? "float" : "double";
      return from.isFloat() || isIndex(from) ? fmt::format("(({}){})", fl, x)
                                             : fmt::format("pa_to_float<{}>({})", fl, x);
    }
    std::string target = isIndex(to) ? "ap_int<64>" : hlsType(to);
    std::string out;
    if (from.isFloat()) {
      out = fmt::format("pa_from_float<{}>((double){})", target, x);
    } else if (isIndex(from)) {
      out = to.isFixed() ? fmt::format("pa_cast<{}>(ap_int<64>({}))", target, x)
                         : fmt::format("{}({})", target, x);
    } else if (from.frac == 0 && to.frac == 0 && !from.isFixed() && !to.isFixed()) {
      out = fmt::format("{}({})", target, x); // ap_int to ap_int: wraps or extends
    } else {
      out = fmt::format("pa_cast<{}>({})", target, x);
    }
    return isIndex(to) ? fmt::format("({}).to_int64()", out) : out;
  }

  const HlsNames& names_;
};

} // namespace

std::string hlsType(const ElemType& t) {
  switch (t.kind) {
  case TypeKind::Int:
    return fmt::format("ap_int<{}>", t.width);
  case TypeKind::UInt:
    return fmt::format("ap_uint<{}>", t.width);
  case TypeKind::Index:
    return "int64_t";
  case TypeKind::Fixed:
    return fmt::format("ap_fixed<{}, {}>", t.width, t.width - t.frac);
  case TypeKind::UFixed:
    return fmt::format("ap_ufixed<{}, {}>", t.width, t.width - t.frac);
  case TypeKind::Float32:
    return "float";
  case TypeKind::Float64:
    return "double";
  }
  return "?";
}

const std::string& hlsPrelude() {
  // Templates on ap types only, so Vitis HLS synthesizes them; each mirrors
  // a helper of the CPU simulation's prelude (CExpr.cpp) on raw bit patterns.
  static const std::string kPrelude =
      R"(// ---- polyallo helpers: the exact semantics of polyallo's types on ap types ----
template <class T> struct pa_traits; // width, fraction bits, signedness, fixed point
template <int W> struct pa_traits<ap_int<W> > {
  static const int width = W, frac = 0;
  static const bool is_signed = true, is_fixed = false;
};
template <int W> struct pa_traits<ap_uint<W> > {
  static const int width = W, frac = 0;
  static const bool is_signed = false, is_fixed = false;
};
template <int W, int I> struct pa_traits<ap_fixed<W, I> > {
  static const int width = W, frac = W - I;
  static const bool is_signed = true, is_fixed = true;
};
template <int W, int I> struct pa_traits<ap_ufixed<W, I> > {
  static const int width = W, frac = W - I;
  static const bool is_signed = false, is_fixed = true;
};
// The raw bits of x sign- or zero-extended to 64 bits.
template <class T> ap_int<64> pa_raw_s(const T& x) {
  return ap_int<64>(ap_int<pa_traits<T>::width>(x.range()));
}
template <class T> ap_uint<64> pa_raw_u(const T& x) { return ap_uint<64>(x.range()); }
// The value of type T whose raw bits are the low bits of r.
template <class T, class R> T pa_from_raw(const R& r) {
  T t;
  t.range() = ap_uint<pa_traits<T>::width>(ap_uint<64>(r));
  return t;
}
template <class T> bool pa_bool(const T& c) { return c != 0; }
template <class T> int64_t pa_i64(const T& n) { return (int64_t)n; }
template <int W> int64_t pa_i64(const ap_int<W>& n) { return n.to_int64(); }
template <int W> int64_t pa_i64(const ap_uint<W>& n) { return (int64_t)n.to_uint64(); }
// Conversions between bit-pattern types: align the fraction bits (the right
// shift floors), then wrap.
template <class R, class T> R pa_cast(const T& x) {
  const int s = pa_traits<R>::frac - pa_traits<T>::frac;
  const bool sg = pa_traits<T>::is_signed;
  if (s > 0) { // the raw sign- or zero-extended to 64 bits, then shifted
    const ap_uint<64> u = sg ? ap_uint<64>(pa_raw_s(x)) : pa_raw_u(x);
    return pa_from_raw<R>(s >= 64 ? ap_uint<64>(0) : ap_uint<64>(u << s));
  }
  if (s < 0) {
    return sg ? pa_from_raw<R>(pa_raw_s(x) >> (-s)) : pa_from_raw<R>(pa_raw_u(x) >> (-s));
  }
  return sg ? pa_from_raw<R>(pa_raw_s(x)) : pa_from_raw<R>(pa_raw_u(x));
}
// float -> bit pattern: truncate (ints) or floor (fixed) x * 2^f, modulo
// 2^64, then wrap; NaN and infinities give 0.
template <class R> R pa_from_float(double x) {
  const bool fixed = pa_traits<R>::is_fixed; // floor also with 0 fraction bits
  if (std::isnan(x)) {
    return R(0);
  }
  x = std::ldexp(x, pa_traits<R>::frac);
  x = fixed ? std::floor(x) : std::trunc(x);
  if (std::isinf(x)) {
    return R(0);
  }
  x = std::fmod(x, 18446744073709551616.0);
  uint64_t bits = x < 0 ? (uint64_t)0 - (uint64_t)(-x) : (uint64_t)x;
  return pa_from_raw<R>(ap_uint<64>(bits));
}
// bit pattern -> float: one rounding of the raw value, then an exact scaling.
template <class F, class T> F pa_to_float(const T& x) {
  F r = pa_traits<T>::is_signed ? (F)pa_raw_s(x).to_int64() : (F)pa_raw_u(x).to_uint64();
  return pa_traits<T>::frac == 0 ? r : std::ldexp(r, -pa_traits<T>::frac);
}
// Division and remainder on raw values: by zero gives 0.
template <class R, class T> R pa_div(const T& a, const T& b) {
  return b == 0 ? R(0) : R(a / b);
}
inline int64_t pa_idiv(int64_t a, int64_t b) {
  return b == 0 ? 0 : b == -1 ? (int64_t)((uint64_t)0 - (uint64_t)a) : a / b;
}
template <class R, class T> R pa_fxdiv(const T& a, const T& b) {
  const int W = pa_traits<T>::width, F = pa_traits<T>::frac;
  if (pa_traits<T>::is_signed) {
    // The raw shifted left by F fits W + F bits; the quotient's low bits are exact.
    ap_int<W + F> n = ap_int<W + F>(pa_raw_s(a)) << F;
    ap_int<64> d = pa_raw_s(b);
    return d == 0 ? R(0) : pa_from_raw<R>(ap_int<W + F>(n / d));
  }
  ap_uint<W + F> n = ap_uint<W + F>(pa_raw_u(a)) << F;
  ap_uint<64> d = pa_raw_u(b);
  return d == 0 ? R(0) : pa_from_raw<R>(ap_uint<W + F>(n / d));
}
template <class R, class T> R pa_floordiv(const T& a, const T& b) {
  const int F = pa_traits<T>::frac;
  if (pa_traits<T>::is_signed) {
    ap_int<66> x = pa_raw_s(a), y = pa_raw_s(b);
    if (y == 0) {
      return R(0);
    }
    ap_int<66> q = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0))) {
      q = q - 1;
    }
    return pa_from_raw<R>(ap_uint<64>(q) << F);
  }
  ap_uint<64> x = pa_raw_u(a), y = pa_raw_u(b);
  return y == 0 ? R(0) : pa_from_raw<R>(ap_uint<64>(x / y) << F);
}
inline int64_t pa_ifloordiv(int64_t a, int64_t b) {
  int64_t q = pa_idiv(a, b);
  return b != 0 && b != -1 && a % b != 0 && ((a < 0) != (b < 0)) ? q - 1 : q;
}
template <class R, class T> R pa_mod(const T& a, const T& b) {
  if (pa_traits<T>::is_signed) {
    ap_int<64> x = pa_raw_s(a), y = pa_raw_s(b);
    return y == 0 || y == -1 ? R(0) : pa_from_raw<R>(x % y);
  }
  ap_uint<64> x = pa_raw_u(a), y = pa_raw_u(b);
  return y == 0 ? R(0) : pa_from_raw<R>(x % y);
}
inline int64_t pa_imod(int64_t a, int64_t b) { return b == 0 || b == -1 ? 0 : a % b; }
inline float pa_fmod(float a, float b) { return std::fmod(a, b); }
inline double pa_fmod(double a, double b) { return std::fmod(a, b); }
// Shifts: amounts outside [0, 64) give 0 (left) or the sign fill (right).
template <class R, class T, class N> R pa_shl(const T& a, const N& n) {
  int64_t k = pa_i64(n);
  return k < 0 || k >= 64 ? R(0) : pa_from_raw<R>(pa_raw_u(a) << k);
}
template <class N> int64_t pa_ishl(int64_t a, const N& n) {
  int64_t k = pa_i64(n);
  return k < 0 || k >= 64 ? 0 : (int64_t)((uint64_t)a << k);
}
template <class R, class T, class N> R pa_shr(const T& a, const N& n) {
  int64_t k = pa_i64(n);
  if (pa_traits<T>::is_signed) {
    ap_int<64> x = pa_raw_s(a);
    return pa_from_raw<R>(k < 0 || k >= 64 ? ap_int<64>(x < 0 ? -1 : 0) : ap_int<64>(x >> k));
  }
  return k < 0 || k >= 64 ? R(0) : pa_from_raw<R>(pa_raw_u(a) >> k);
}
template <class N> int64_t pa_ishr(int64_t a, const N& n) {
  int64_t k = pa_i64(n);
  return k < 0 || k >= 64 ? (a < 0 ? -1 : 0) : (a < 0 ? ~(~a >> k) : a >> k);
}
template <class R, class T> R pa_bitop(const T& a, const T& b, char op) {
  ap_uint<64> x = pa_raw_u(a), y = pa_raw_u(b);
  return pa_from_raw<R>(op == '&' ? ap_uint<64>(x & y) : op == '|' ? ap_uint<64>(x | y)
                                                                    : ap_uint<64>(x ^ y));
}
template <class T> T pa_bitnot(const T& a) { return pa_from_raw<T>(~pa_raw_u(a)); }
template <class T> T pa_abs(const T& a) { return a < 0 ? T(-a) : a; }
template <class T> T pa_min(const T& a, const T& b) { return b < a ? b : a; }
inline int64_t pa_min_s(int64_t a, int64_t b) { return b < a ? b : a; }
inline int64_t pa_max_s(int64_t a, int64_t b) { return a < b ? b : a; }
// Loop bounds (the loop AST, printed as for the C simulation): floor division
// by a positive constant.
inline int64_t pa_floordiv_i(int64_t a, int64_t b) { return a < 0 ? -((-a + b - 1) / b) : a / b; }
template <class T> T pa_max(const T& a, const T& b) { return a < b ? b : a; }
)";
  return kPrelude;
}

std::string emitHlsExpr(const Expr& e, const HlsNames& names) { return Emitter(names).expr(e); }

std::string emitHlsAccess(const core::ArrayDecl& array, const std::vector<Expr>& indices,
                          const HlsNames& names) {
  return Emitter(names).access(array, indices);
}

std::string emitHlsFifo(const core::ArrayDecl& stream, const std::vector<Expr>& indices,
                        const HlsNames& names) {
  return Emitter(names).fifo(stream, indices);
}

std::string hlsStreamType(const core::ArrayDecl& stream) {
  return fmt::format("hls::stream<{}>", hlsType(stream.type));
}

} // namespace polyallo::codegen
