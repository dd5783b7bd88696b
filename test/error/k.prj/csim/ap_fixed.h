// polyallo's own C-simulation subset of Vitis HLS's <ap_fixed.h>: ap_fixed<W, I>,
// ap_ufixed<W, I> (quantization AP_TRN and overflow AP_WRAP only, the Vitis defaults).
//
// Written for polyallo from the documented behaviour of the Vitis types (no Xilinx code);
// emitted code computes exactly what polyallo's CPU simulation computes. Exact semantics:
//
//   ap_fixed<W, I> / ap_ufixed<W, I>, 1 <= W <= 128, F = W - I fraction bits, 0 <= F <= 128
//   (I may be <= 0; I > W is not supported): the raw value is a W-bit two's complement /
//   unsigned number, the value is raw * 2^-F. Every construction and assignment floors to
//   F fraction bits (AP_TRN) and wraps modulo 2^W (AP_WRAP):
//     from float / double: floor(x * 2^F) reduced modulo 2^W exactly; NaN, inf give 0
//       (codegen::floatToBits); from built-in integers and ap_int / ap_uint: value * 2^F,
//       wrapped; from another ap_fixed / ap_ufixed: the raw shifted to F fraction bits
//       (an arithmetic right shift, i.e. floor, when dropping bits), then wrapped.
//   to_double(): ldexp((double)raw, -F); to_float(): ldexpf((float)raw, -F) - the
//   conversions of polyallo's C emitter (one rounding of the raw, then exact scaling).
//   operator double() is implicit (like Vitis): `float y = x` rounds twice; use to_float().
//   to_int(), to_int64(), ..., and ap_int<W2>(x): the value truncated toward zero (like
//   Vitis and C's double -> int), then wrapped. polyallo's own fixed -> int cast floors:
//   use the raw bits (x.range()) for it.
//   Result types (Vitis' rules; "+1" widens an unsigned operand meeting a signed one;
//   widths are capped at 128 bits keeping the fraction bits):
//     a + b   I = max(I1 (+1), I2 (+1)) + 1, F = max(F1, F2), signed if either is  (exact)
//     a - b   the same, always signed                                           (exact)
//     a * b   W1 + W2 bits, F1 + F2 fraction bits (F1 + F2 <= 128)               (exact)
//     a / b   F1 fraction bits, W1 + F2 (+1 if b is signed) bits: raw =
//             trunc(raw_a * 2^F2 / raw_b) (toward zero); by zero gives 0
//     a << n, a >> n   a's type: the raw shifted (>> floors), n >= W: 0 / sign fill
//     comparisons      by exact value, across all fixed and integer types
//   ap_int / ap_uint and built-in integer operands act as ap_fixed<W, W> / ap_ufixed<W, W>;
//   a float / double operand: the fixed value is converted (to_float / to_double) and the
//   operation is done in float / double. Unary -: W + 1 bits, signed. ++ -- add / subtract
//   1.0. x[i], x.range(hi, lo), x.range(): the raw bits, as for ap_int (assignable).
#ifndef POLYALLO_CSIM_AP_FIXED_H
#define POLYALLO_CSIM_AP_FIXED_H

#include "ap_int.h"

enum ap_q_mode {
  AP_RND,
  AP_RND_ZERO,
  AP_RND_MIN_INF,
  AP_RND_INF,
  AP_RND_CONV,
  AP_TRN,
  AP_TRN_ZERO
};
enum ap_o_mode { AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP, AP_WRAP_SM };

template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0> class ap_fixed;
template <int W, int I, ap_q_mode Q = AP_TRN, ap_o_mode O = AP_WRAP, int N = 0> class ap_ufixed;

namespace polyallo_csim {

template <int W, int I, bool S> struct fixed_type { using type = ap_fixed<W, I>; };
template <int W, int I> struct fixed_type<W, I, false> { using type = ap_ufixed<W, I>; };
/// ap_fixed<W, I> or ap_ufixed<W, I>.
template <int W, int I, bool S> using fixed_t = typename fixed_type<W, I, S>::type;
/// The fixed type of W bits (capped at 128) and F fraction bits.
template <int W, int F, bool S> using fixed_wf_t = fixed_t<cap_w(W), cap_w(W) - F, S>;

/// A raw of f1 fraction bits as a raw of f2 fraction bits (floor), modulo 2^128.
constexpr u128 align(u128 raw, bool s, int f1, int f2) {
  return f2 >= f1 ? shl(raw, f2 - f1) : shr(raw, f1 - f2, s);
}
/// Compares the values raw_a * 2^-fa and raw_b * 2^-fb exactly: the integer parts
/// (floor), then the fractions aligned to max(fa, fb) bits.
constexpr int compare_fixed(u128 a, bool sa, int fa, u128 b, bool sb, int fb) {
  int c = compare(shr(a, fa, sa), sa, shr(b, fb, sb), sb);
  if (c != 0) {
    return c;
  }
  int f = max_i(fa, fb);
  u128 ra = shl(a & low_mask(fa), f - fa), rb = shl(b & low_mask(fb), f - fb);
  return ra < rb ? -1 : (ra > rb ? 1 : 0);
}

/// Result types of a op b (Vitis' rules, widths capped at 128).
template <int W1, int I1, bool S1, int W2, int I2, bool S2> struct fixed_rtype {
  static constexpr int F1 = W1 - I1, F2 = W2 - I2, F = max_i(F1, F2);
  static constexpr int add_i = max_i(I1 + (S2 && !S1 ? 1 : 0), I2 + (S1 && !S2 ? 1 : 0)) + 1;
  using plus = fixed_wf_t<add_i + F, F, S1 || S2>;
  using minus = fixed_wf_t<add_i + F, F, true>;
  using mult = fixed_wf_t<W1 + W2, F1 + F2, S1 || S2>;
  using div = fixed_wf_t<W1 + F2 + (S2 ? 1 : 0), F1, S1 || S2>;
};

/// The fixed type an ap_int / ap_uint acts as.
template <int W, bool S> using int_fixed_t = fixed_t<W, W, S>;

} // namespace polyallo_csim

template <int W, int I, bool S> class ap_fixed_base {
  static_assert(W >= 1 && W <= 128, "polyallo csim: ap_fixed widths are 1..128");
  static_assert(W - I >= 0 && W - I <= 128,
                "polyallo csim: ap_fixed fraction bits W - I must lie in 0..128");
  using u128 = polyallo_csim::u128;
  static constexpr int F = W - I;

public:
  ap_fixed_base() = default;
  ap_fixed_base(polyallo_csim::raw_tag, u128 raw) : v_(polyallo_csim::wrap(raw, W, S)) {}
  template <int W2, int I2, bool S2>
  ap_fixed_base(const ap_fixed_base<W2, I2, S2>& x)
      : v_(polyallo_csim::wrap(polyallo_csim::align(x.pa_bits(), S2, W2 - I2, F), W, S)) {}
  template <int W2, bool S2>
  ap_fixed_base(const ap_int_base<W2, S2>& x)
      : v_(polyallo_csim::wrap(polyallo_csim::shl(x.pa_bits(), F), W, S)) {}
  template <class T, polyallo_csim::if_int_t<T> = 0>
  ap_fixed_base(T x) : v_(polyallo_csim::wrap(polyallo_csim::shl(static_cast<u128>(x), F), W, S)) {}
  ap_fixed_base(double x) : v_(polyallo_csim::wrap(polyallo_csim::from_double(x, F, true), W, S)) {}
  ap_fixed_base(float x) : ap_fixed_base(static_cast<double>(x)) {}

  /// polyallo internal: the raw bits, sign- or zero-extended to 128 bits.
  u128 pa_bits() const { return v_; }
  /// polyallo internal: the value truncated toward zero, as a 128-bit pattern.
  u128 pa_int_bits() const {
    u128 q = polyallo_csim::shr(v_, F, S);
    return polyallo_csim::is_neg(v_, S) && (v_ & polyallo_csim::low_mask(F)) != 0 ? q + 1 : q;
  }
  u128 pa_get_range(int hi, int lo) const {
    return ap_uint<W>(polyallo_csim::raw_tag{}, v_).pa_get_range(hi, lo);
  }
  void pa_set_range(int hi, int lo, u128 v) {
    ap_uint<W> bits(polyallo_csim::raw_tag{}, v_);
    bits.pa_set_range(hi, lo, v);
    v_ = polyallo_csim::wrap(bits.pa_bits(), W, S);
  }

  operator double() const { return to_double(); }
  double to_double() const { return std::ldexp(polyallo_csim::to_double(v_, S), -F); }
  float to_float() const { return std::ldexp(polyallo_csim::to_float(v_, S), -F); }
  bool to_bool() const { return v_ != 0; }
  int to_int() const { return static_cast<int>(pa_int_bits()); }
  unsigned to_uint() const { return static_cast<unsigned>(pa_int_bits()); }
  long to_long() const { return static_cast<long>(pa_int_bits()); }
  unsigned long to_ulong() const { return static_cast<unsigned long>(pa_int_bits()); }
  long long to_int64() const { return static_cast<long long>(pa_int_bits()); }
  unsigned long long to_uint64() const { return static_cast<unsigned long long>(pa_int_bits()); }
  int length() const { return W; }
  bool iszero() const { return v_ == 0; }
  bool is_zero() const { return v_ == 0; }

  bool test(int i) const { return pa_get_range(i, i) != 0; }
  bool get_bit(int i) const { return test(i); }
  void set_bit(int i, bool b) { pa_set_range(i, i, b ? 1 : 0); }
  bool operator[](int i) const { return test(i); }
  ap_bit_ref<ap_fixed_base> operator[](int i) { return ap_bit_ref<ap_fixed_base>(this, i); }
  ap_uint<W> range(int hi, int lo) const {
    return ap_uint<W>(polyallo_csim::raw_tag{}, pa_get_range(hi, lo));
  }
  ap_range_ref<ap_fixed_base, W> range(int hi, int lo) {
    return ap_range_ref<ap_fixed_base, W>(this, hi, lo);
  }
  ap_uint<W> range() const { return range(W - 1, 0); }
  ap_range_ref<ap_fixed_base, W> range() { return range(W - 1, 0); }
  ap_uint<W> operator()(int hi, int lo) const { return range(hi, lo); }
  ap_range_ref<ap_fixed_base, W> operator()(int hi, int lo) { return range(hi, lo); }

  polyallo_csim::fixed_t<W, I, S> operator+() const { return {polyallo_csim::raw_tag{}, v_}; }
  polyallo_csim::fixed_wf_t<W + 1, F, true> operator-() const {
    return {polyallo_csim::raw_tag{}, (u128)0 - v_};
  }
  bool operator!() const { return v_ == 0; }
  ap_fixed_base& operator++() { return *this += 1; }
  ap_fixed_base& operator--() { return *this -= 1; }
  polyallo_csim::fixed_t<W, I, S> operator++(int) {
    polyallo_csim::fixed_t<W, I, S> old(polyallo_csim::raw_tag{}, v_);
    ++*this;
    return old;
  }
  polyallo_csim::fixed_t<W, I, S> operator--(int) {
    polyallo_csim::fixed_t<W, I, S> old(polyallo_csim::raw_tag{}, v_);
    --*this;
    return old;
  }

  // Compound assignments: the operator's result converted back (AP_TRN, AP_WRAP).
  template <class T> ap_fixed_base& operator+=(const T& b) {
    return *this = ap_fixed_base(*this + b);
  }
  template <class T> ap_fixed_base& operator-=(const T& b) {
    return *this = ap_fixed_base(*this - b);
  }
  template <class T> ap_fixed_base& operator*=(const T& b) {
    return *this = ap_fixed_base(*this * b);
  }
  template <class T> ap_fixed_base& operator/=(const T& b) {
    return *this = ap_fixed_base(*this / b);
  }
  template <class T> ap_fixed_base& operator<<=(const T& n) {
    return *this = ap_fixed_base(*this << n);
  }
  template <class T> ap_fixed_base& operator>>=(const T& n) {
    return *this = ap_fixed_base(*this >> n);
  }

private:
  u128 v_ = 0;
};

template <int W, bool S>
template <int W2, int I2, bool S2>
ap_int_base<W, S>::ap_int_base(const ap_fixed_base<W2, I2, S2>& x)
    : v_(polyallo_csim::wrap(x.pa_int_bits(), W, S)) {}

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
class ap_fixed : public ap_fixed_base<W, I, true> {
  static_assert(Q == AP_TRN && O == AP_WRAP && N == 0,
                "polyallo csim: only AP_TRN quantization and AP_WRAP overflow are supported");
  using Base = ap_fixed_base<W, I, true>;

public:
  using Base::Base;
  ap_fixed() = default;
  ap_fixed(const Base& x) : Base(x) {}
};

template <int W, int I, ap_q_mode Q, ap_o_mode O, int N>
class ap_ufixed : public ap_fixed_base<W, I, false> {
  static_assert(Q == AP_TRN && O == AP_WRAP && N == 0,
                "polyallo csim: only AP_TRN quantization and AP_WRAP overflow are supported");
  using Base = ap_fixed_base<W, I, false>;

public:
  using Base::Base;
  ap_ufixed() = default;
  ap_ufixed(const Base& x) : Base(x) {}
};

// ---- binary operators ------------------------------------------------------------------

// OP between two fixed values, a fixed value and an ap_int / ap_uint / built-in integer
// (either side, as ap_fixed<W, W>), and a fixed value and float / double.
#define POLYALLO_CSIM_FIXED_MIXED(OP, RET)                                                         \
  template <int W, int I, bool S, int W2, bool S2>                                                 \
  inline RET operator OP(const ap_fixed_base<W, I, S>& a, const ap_int_base<W2, S2>& b) {          \
    return a OP polyallo_csim::int_fixed_t<W2, S2>(b);                                             \
  }                                                                                                \
  template <int W2, bool S2, int W, int I, bool S>                                                 \
  inline RET operator OP(const ap_int_base<W2, S2>& a, const ap_fixed_base<W, I, S>& b) {          \
    return polyallo_csim::int_fixed_t<W2, S2>(a) OP b;                                             \
  }                                                                                                \
  template <int W, int I, bool S, class T, polyallo_csim::if_int_t<T> = 0>                         \
  inline RET operator OP(const ap_fixed_base<W, I, S>& a, T b) {                                   \
    return a OP polyallo_csim::int_of_t<T>(b);                                                     \
  }                                                                                                \
  template <class T, int W, int I, bool S, polyallo_csim::if_int_t<T> = 0>                         \
  inline RET operator OP(T a, const ap_fixed_base<W, I, S>& b) {                                   \
    return polyallo_csim::int_of_t<T>(a) OP b;                                                     \
  }

#define POLYALLO_CSIM_FIXED_FLOAT(OP, RET_D, RET_F)                                                \
  template <int W, int I, bool S>                                                                  \
  inline RET_D operator OP(const ap_fixed_base<W, I, S>& a, double b) {                            \
    return a.to_double() OP b;                                                                     \
  }                                                                                                \
  template <int W, int I, bool S>                                                                  \
  inline RET_D operator OP(double a, const ap_fixed_base<W, I, S>& b) {                            \
    return a OP b.to_double();                                                                     \
  }                                                                                                \
  template <int W, int I, bool S>                                                                  \
  inline RET_F operator OP(const ap_fixed_base<W, I, S>& a, float b) {                             \
    return a.to_float() OP b;                                                                      \
  }                                                                                                \
  template <int W, int I, bool S>                                                                  \
  inline RET_F operator OP(float a, const ap_fixed_base<W, I, S>& b) {                             \
    return a OP b.to_float();                                                                      \
  }

#define POLYALLO_CSIM_FIXED_ARITH(OP, RT, BODY)                                                    \
  template <int W1, int I1, bool S1, int W2, int I2, bool S2>                                      \
  inline typename polyallo_csim::fixed_rtype<W1, I1, S1, W2, I2, S2>::RT operator OP(              \
      const ap_fixed_base<W1, I1, S1>& a, const ap_fixed_base<W2, I2, S2>& b) {                    \
    using R [[maybe_unused]] = polyallo_csim::fixed_rtype<W1, I1, S1, W2, I2, S2>;                 \
    polyallo_csim::u128 x = a.pa_bits(), y = b.pa_bits();                                          \
    return {polyallo_csim::raw_tag{}, BODY};                                                       \
  }                                                                                                \
  POLYALLO_CSIM_FIXED_MIXED(OP, auto)                                                              \
  POLYALLO_CSIM_FIXED_FLOAT(OP, double, float)

POLYALLO_CSIM_FIXED_ARITH(+, plus,
                          polyallo_csim::align(x, S1, R::F1, R::F) +
                              polyallo_csim::align(y, S2, R::F2, R::F))
POLYALLO_CSIM_FIXED_ARITH(-, minus,
                          polyallo_csim::align(x, S1, R::F1, R::F) -
                              polyallo_csim::align(y, S2, R::F2, R::F))
POLYALLO_CSIM_FIXED_ARITH(*, mult, (x * y))
POLYALLO_CSIM_FIXED_ARITH(/, div, polyallo_csim::div(polyallo_csim::shl(x, R::F2), S1, y, S2))

#define POLYALLO_CSIM_FIXED_COMPARE(OP)                                                            \
  template <int W1, int I1, bool S1, int W2, int I2, bool S2>                                      \
  inline bool operator OP(const ap_fixed_base<W1, I1, S1>& a,                                      \
                          const ap_fixed_base<W2, I2, S2>& b) {                                    \
    return polyallo_csim::compare_fixed(a.pa_bits(), S1, W1 - I1, b.pa_bits(), S2, W2 - I2) OP 0;  \
  }                                                                                                \
  POLYALLO_CSIM_FIXED_MIXED(OP, bool)                                                              \
  POLYALLO_CSIM_FIXED_FLOAT(OP, bool, bool)

POLYALLO_CSIM_FIXED_COMPARE(==)
POLYALLO_CSIM_FIXED_COMPARE(!=)
POLYALLO_CSIM_FIXED_COMPARE(<)
POLYALLO_CSIM_FIXED_COMPARE(<=)
POLYALLO_CSIM_FIXED_COMPARE(>)
POLYALLO_CSIM_FIXED_COMPARE(>=)

// Shifts keep the left operand's type and shift its raw bits.
#define POLYALLO_CSIM_FIXED_SHIFT(OP, LEFT)                                                        \
  template <int W, int I, bool S, int W2, bool S2>                                                 \
  inline polyallo_csim::fixed_t<W, I, S> operator OP(const ap_fixed_base<W, I, S>& a,              \
                                                     const ap_int_base<W2, S2>& n) {               \
    return {polyallo_csim::raw_tag{},                                                              \
            polyallo_csim::shift(a.pa_bits(), S, n.pa_bits(), S2, LEFT)};                          \
  }                                                                                                \
  template <int W, int I, bool S, class T, polyallo_csim::if_int_t<T> = 0>                         \
  inline polyallo_csim::fixed_t<W, I, S> operator OP(const ap_fixed_base<W, I, S>& a, T n) {       \
    return a OP polyallo_csim::int_of_t<T>(n);                                                     \
  }

POLYALLO_CSIM_FIXED_SHIFT(<<, true)
POLYALLO_CSIM_FIXED_SHIFT(>>, false)

#undef POLYALLO_CSIM_FIXED_MIXED
#undef POLYALLO_CSIM_FIXED_FLOAT
#undef POLYALLO_CSIM_FIXED_ARITH
#undef POLYALLO_CSIM_FIXED_COMPARE
#undef POLYALLO_CSIM_FIXED_SHIFT

#endif // POLYALLO_CSIM_AP_FIXED_H
