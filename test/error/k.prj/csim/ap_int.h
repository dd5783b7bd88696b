// polyallo's own C-simulation subset of Vitis HLS's <ap_int.h>: ap_int<W>, ap_uint<W>.
//
// Written for polyallo from the documented behaviour of the Vitis types (no Xilinx code).
// Emitted HLS C++ compiles against it with any C++17 compiler and then computes exactly what
// polyallo's CPU simulation computes (codegen/CTypes.h, codegen/CExpr.h). Exact semantics:
//
//   ap_int<W> / ap_uint<W>, 1 <= W <= 128: a W-bit two's complement / unsigned number. Every
//   construction and assignment wraps modulo 2^W (no saturation, no UB for any input):
//     from bool, built-in integers, any ap_int / ap_uint: the low W bits, sign- or
//       zero-extended; from float / double: truncated toward zero, then reduced modulo 2^W
//       exactly; NaN and infinities give 0; from ap_fixed (ap_fixed.h): truncated toward zero.
//   Result types of binary operators (Vitis' rules; "+1" widens an unsigned operand that
//   meets a signed one; every result width is capped at 128 bits, i.e. wraps modulo 2^128):
//     a + b        max(W1 (+1), W2 (+1)) + 1 bits, signed if either is     (exact)
//     a - b        the same width, always signed                          (exact)
//     a * b        W1 + W2 bits, signed if either is                      (exact)
//     a / b        W1 (+1 if b is signed) bits: C division, truncating toward zero
//     a % b        min(W1, W2 (+1 if only a is signed)) bits, a's signedness: C remainder
//                  (the sign of a); a / 0 and a % 0 give 0
//     & | ^        max(W1 (+1), W2 (+1)) bits: both operands sign- / zero-extended
//     a << n, >> n a's type; >> is arithmetic for ap_int; n >= W gives 0 (<<) or the sign
//                  fill (>>); a negative n shifts the other way
//     comparisons  by mathematical value, across any widths and signedness
//   A built-in integer operand acts as ap_int<8 * sizeof> / ap_uint (bool: ap_uint<1>). A
//   float / double operand: the ap value is converted (to_float / to_double: C's conversion
//   of the integer) and the operation is done in float / double.
//   Unary -: W + 1 bits, signed; ~: a's type; ++ -- and compound assignments wrap to the type.
//   Implicit conversion (like Vitis' operator RetType): int / unsigned for W <= 32, else
//   long long / unsigned long long (the low 64 bits). (double)x of a wide value goes through
//   that integer: use x.to_double(). Bits: x[i] (bool when x is const, else an assignable
//   reference), x.range(hi, lo) / x(hi, lo) bits hi..lo zero-extended as ap_uint<W>
//   (assignable; hi < lo reverses), x.range() all W bits. Bit indices must lie in [0, W).
#ifndef POLYALLO_CSIM_AP_INT_H
#define POLYALLO_CSIM_AP_INT_H

#include <cassert>
#include <cmath>
#include <cstdint>
#include <type_traits>

template <int W, bool S> class ap_int_base;
template <int W> class ap_int;
template <int W> class ap_uint;
template <int W, int I, bool S> class ap_fixed_base;
template <class P, int W> class ap_range_ref;
template <class P> class ap_bit_ref;

// Helpers on 128-bit patterns: a value is kept as its bits sign-extended (signed types) or
// zero-extended (unsigned types) to 128 bits. Width arguments are run-time ints on purpose.
namespace polyallo_csim {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

struct raw_tag {}; // constructs from a 128-bit pattern

constexpr int cap_w(int w) { return w > 128 ? 128 : w; }
constexpr int max_i(int a, int b) { return a > b ? a : b; }
constexpr int min_i(int a, int b) { return a < b ? a : b; }

/// The low n bits set (0 <= n).
constexpr u128 low_mask(int n) { return n >= 128 ? ~(u128)0 : ((u128)1 << n) - 1; }
/// The low w bits of x, sign-extended (s) or zero-extended.
constexpr u128 wrap(u128 x, int w, bool s) {
  if (w >= 128) {
    return x;
  }
  x &= low_mask(w);
  if (s && ((x >> (w - 1)) & 1) != 0) {
    x |= ~low_mask(w);
  }
  return x;
}
constexpr bool is_neg(u128 x, bool s) { return s && (x >> 127) != 0; }
constexpr u128 magnitude(u128 x, bool s) { return is_neg(x, s) ? (u128)0 - x : x; }
/// x * 2^n modulo 2^128 (n >= 0).
constexpr u128 shl(u128 x, long long n) { return n < 128 ? x << n : 0; }
/// floor(x / 2^n) (n >= 0).
constexpr u128 shr(u128 x, long long n, bool s) {
  bool neg = is_neg(x, s);
  if (n >= 128) {
    return neg ? ~(u128)0 : 0;
  }
  return neg ? ~(~x >> n) : x >> n;
}
/// x shifted left (left) or right by the amount n (a pattern of signedness ns).
constexpr u128 shift(u128 x, bool s, u128 n, bool ns, bool left) {
  bool back = is_neg(n, ns);
  u128 m = magnitude(n, ns);
  long long k = m >= 128 ? 128 : static_cast<long long>(m);
  return left != back ? shl(x, k) : shr(x, k, s);
}
/// -1, 0, 1 as the value of a is below, equal to, above the value of b.
constexpr int compare(u128 a, bool sa, u128 b, bool sb) {
  bool na = is_neg(a, sa), nb = is_neg(b, sb);
  if (na != nb) {
    return na ? -1 : 1;
  }
  return a < b ? -1 : (a > b ? 1 : 0);
}
/// C division (truncating) and remainder (sign of a) of the values; by zero gives 0.
constexpr u128 div(u128 a, bool sa, u128 b, bool sb) {
  if (b == 0) {
    return 0;
  }
  u128 ma = magnitude(a, sa), mb = magnitude(b, sb);
  u128 q = (ma >> 64) == 0 && (mb >> 64) == 0
               ? static_cast<u128>(static_cast<std::uint64_t>(ma) / static_cast<std::uint64_t>(mb))
               : ma / mb;
  return is_neg(a, sa) != is_neg(b, sb) ? (u128)0 - q : q;
}
constexpr u128 mod(u128 a, bool sa, u128 b, bool sb) {
  if (b == 0) {
    return 0;
  }
  u128 r = magnitude(a, sa) % magnitude(b, sb);
  return is_neg(a, sa) ? (u128)0 - r : r;
}
/// The low n bits of x in reverse order.
constexpr u128 reverse(u128 x, int n) {
  u128 r = 0;
  for (int i = 0; i < n; ++i) {
    r = (r << 1) | ((x >> i) & 1);
  }
  return r;
}
/// Bits hi..lo of x, zero-extended (reversed if hi < lo).
constexpr u128 get_bits(u128 x, int hi, int lo) {
  if (hi < lo) {
    return reverse(get_bits(x, lo, hi), lo - hi + 1);
  }
  return (x >> lo) & low_mask(hi - lo + 1);
}
/// x with bits hi..lo replaced by the low bits of v (reversed if hi < lo).
constexpr u128 set_bits(u128 x, int hi, int lo, u128 v) {
  if (hi < lo) {
    return set_bits(x, lo, hi, reverse(v, lo - hi + 1));
  }
  u128 mask = low_mask(hi - lo + 1) << lo;
  return (x & ~mask) | ((v << lo) & mask);
}
/// floor (fixed point) or trunc (integers) of x * 2^f, modulo 2^128; NaN, inf give 0.
/// Every step is exact (codegen::floatToBits reduces modulo 2^64, the same modulo 2^W).
inline u128 from_double(double x, int f, bool floor_mode) {
  if (std::isnan(x)) {
    return 0;
  }
  x = std::ldexp(x, f);
  x = floor_mode ? std::floor(x) : std::trunc(x);
  if (std::isinf(x)) {
    return 0;
  }
  x = std::fmod(x, 340282366920938463463374607431768211456.0); // 2^128
  return x < 0 ? (u128)0 - static_cast<u128>(-x) : static_cast<u128>(x);
}
/// C's conversion of the value of x (one rounding; through 64-bit integers when it fits).
inline double to_double(u128 x, bool s) {
  if (s) {
    i128 v = static_cast<i128>(x);
    return v == static_cast<std::int64_t>(v) ? static_cast<double>(static_cast<std::int64_t>(v))
                                             : static_cast<double>(v);
  }
  return (x >> 64) == 0 ? static_cast<double>(static_cast<std::uint64_t>(x))
                        : static_cast<double>(x);
}
inline float to_float(u128 x, bool s) {
  if (s) {
    i128 v = static_cast<i128>(x);
    return v == static_cast<std::int64_t>(v) ? static_cast<float>(static_cast<std::int64_t>(v))
                                             : static_cast<float>(v);
  }
  return (x >> 64) == 0 ? static_cast<float>(static_cast<std::uint64_t>(x)) : static_cast<float>(x);
}

template <int W, bool S> struct int_type { using type = ap_int<W>; };
template <int W> struct int_type<W, false> { using type = ap_uint<W>; };
/// ap_int<W> or ap_uint<W>.
template <int W, bool S> using int_t = typename int_type<W, S>::type;
/// The ap type a built-in integer acts as.
template <class T>
using int_of_t = int_t<std::is_same<T, bool>::value ? 1 : 8 * static_cast<int>(sizeof(T)),
                       std::is_signed<T>::value>;
template <class T> using if_int_t = typename std::enable_if<std::is_integral<T>::value, int>::type;

/// Result types of a op b (Vitis' rules, widths capped at 128).
template <int W1, bool S1, int W2, bool S2> struct int_rtype {
  static constexpr int e1 = W1 + (S2 && !S1 ? 1 : 0);
  static constexpr int e2 = W2 + (S1 && !S2 ? 1 : 0);
  using plus = int_t<cap_w(max_i(e1, e2) + 1), S1 || S2>;
  using minus = int_t<cap_w(max_i(e1, e2) + 1), true>;
  using mult = int_t<cap_w(W1 + W2), S1 || S2>;
  using div = int_t<cap_w(W1 + (S2 ? 1 : 0)), S1 || S2>;
  using mod = int_t<min_i(W1, e2), S1>;
  using logic = int_t<cap_w(max_i(e1, e2)), S1 || S2>;
};

} // namespace polyallo_csim

template <int W, bool S> class ap_int_base {
  static_assert(W >= 1 && W <= 128, "polyallo csim: ap_int / ap_uint widths are 1..128");
  using u128 = polyallo_csim::u128;

public:
  using RetType = typename std::conditional<
      (W <= 32), typename std::conditional<S, int, unsigned>::type,
      typename std::conditional<S, long long, unsigned long long>::type>::type;

  ap_int_base() = default;
  ap_int_base(polyallo_csim::raw_tag, u128 bits) : v_(polyallo_csim::wrap(bits, W, S)) {}
  template <class T, polyallo_csim::if_int_t<T> = 0>
  ap_int_base(T x) : v_(polyallo_csim::wrap(static_cast<u128>(x), W, S)) {}
  ap_int_base(double x) : v_(polyallo_csim::wrap(polyallo_csim::from_double(x, 0, false), W, S)) {}
  ap_int_base(float x) : ap_int_base(static_cast<double>(x)) {}
  template <int W2, bool S2>
  ap_int_base(const ap_int_base<W2, S2>& x) : v_(polyallo_csim::wrap(x.pa_bits(), W, S)) {}
  /// Truncates toward zero, then wraps (defined in ap_fixed.h).
  template <int W2, int I2, bool S2> ap_int_base(const ap_fixed_base<W2, I2, S2>& x);

  /// polyallo internal: the value's bits, sign- or zero-extended to 128 bits.
  u128 pa_bits() const { return v_; }
  u128 pa_get_range(int hi, int lo) const {
    check(hi);
    check(lo);
    return polyallo_csim::get_bits(v_, hi, lo);
  }
  void pa_set_range(int hi, int lo, u128 v) {
    check(hi);
    check(lo);
    v_ = polyallo_csim::wrap(polyallo_csim::set_bits(v_, hi, lo, v), W, S);
  }

  operator RetType() const { return static_cast<RetType>(v_); }
  bool to_bool() const { return v_ != 0; }
  int to_int() const { return static_cast<int>(v_); }
  unsigned to_uint() const { return static_cast<unsigned>(v_); }
  long to_long() const { return static_cast<long>(v_); }
  unsigned long to_ulong() const { return static_cast<unsigned long>(v_); }
  long long to_int64() const { return static_cast<long long>(v_); }
  unsigned long long to_uint64() const { return static_cast<unsigned long long>(v_); }
  double to_double() const { return polyallo_csim::to_double(v_, S); }
  float to_float() const { return polyallo_csim::to_float(v_, S); }
  int length() const { return W; }
  bool iszero() const { return v_ == 0; }
  bool is_zero() const { return v_ == 0; }
  bool sign() const { return polyallo_csim::is_neg(v_, S); }

  bool test(int i) const { return pa_get_range(i, i) != 0; }
  bool get_bit(int i) const { return test(i); }
  void set_bit(int i, bool b) { pa_set_range(i, i, b ? 1 : 0); }
  void set(int i) { set_bit(i, true); }
  void clear(int i) { set_bit(i, false); }
  bool operator[](int i) const { return test(i); }
  ap_bit_ref<ap_int_base> operator[](int i) { return ap_bit_ref<ap_int_base>(this, i); }
  ap_uint<W> range(int hi, int lo) const {
    return ap_uint<W>(polyallo_csim::raw_tag{}, pa_get_range(hi, lo));
  }
  ap_range_ref<ap_int_base, W> range(int hi, int lo) {
    return ap_range_ref<ap_int_base, W>(this, hi, lo);
  }
  ap_uint<W> range() const { return range(W - 1, 0); }
  ap_range_ref<ap_int_base, W> range() { return range(W - 1, 0); }
  ap_uint<W> operator()(int hi, int lo) const { return range(hi, lo); }
  ap_range_ref<ap_int_base, W> operator()(int hi, int lo) { return range(hi, lo); }

  polyallo_csim::int_t<W, S> operator+() const { return {polyallo_csim::raw_tag{}, v_}; }
  polyallo_csim::int_t<polyallo_csim::cap_w(W + 1), true> operator-() const {
    return {polyallo_csim::raw_tag{}, (u128)0 - v_};
  }
  polyallo_csim::int_t<W, S> operator~() const { return {polyallo_csim::raw_tag{}, ~v_}; }
  bool operator!() const { return v_ == 0; }
  ap_int_base& operator++() { return *this = ap_int_base(polyallo_csim::raw_tag{}, v_ + 1); }
  ap_int_base& operator--() { return *this = ap_int_base(polyallo_csim::raw_tag{}, v_ - 1); }
  polyallo_csim::int_t<W, S> operator++(int) {
    polyallo_csim::int_t<W, S> old(polyallo_csim::raw_tag{}, v_);
    ++*this;
    return old;
  }
  polyallo_csim::int_t<W, S> operator--(int) {
    polyallo_csim::int_t<W, S> old(polyallo_csim::raw_tag{}, v_);
    --*this;
    return old;
  }

  // Compound assignments: the operator's result converted back to this type.
  template <class T> ap_int_base& operator+=(const T& b) { return *this = ap_int_base(*this + b); }
  template <class T> ap_int_base& operator-=(const T& b) { return *this = ap_int_base(*this - b); }
  template <class T> ap_int_base& operator*=(const T& b) { return *this = ap_int_base(*this * b); }
  template <class T> ap_int_base& operator/=(const T& b) { return *this = ap_int_base(*this / b); }
  template <class T> ap_int_base& operator%=(const T& b) { return *this = ap_int_base(*this % b); }
  template <class T> ap_int_base& operator&=(const T& b) { return *this = ap_int_base(*this & b); }
  template <class T> ap_int_base& operator|=(const T& b) { return *this = ap_int_base(*this | b); }
  template <class T> ap_int_base& operator^=(const T& b) { return *this = ap_int_base(*this ^ b); }
  template <class T> ap_int_base& operator<<=(const T& n) {
    return *this = ap_int_base(*this << n);
  }
  template <class T> ap_int_base& operator>>=(const T& n) {
    return *this = ap_int_base(*this >> n);
  }

private:
  static void check(int i) {
    assert(i >= 0 && i < W && "polyallo csim: bit index out of range");
    (void)i;
  }
  u128 v_ = 0;
};

template <int W> class ap_int : public ap_int_base<W, true> {
  using Base = ap_int_base<W, true>;

public:
  using Base::Base;
  ap_int() = default;
  ap_int(const Base& x) : Base(x) {}
};

template <int W> class ap_uint : public ap_int_base<W, false> {
  using Base = ap_int_base<W, false>;

public:
  using Base::Base;
  ap_uint() = default;
  ap_uint(const Base& x) : Base(x) {}
};

/// x.range(hi, lo) of a non-const x: an ap_uint<W> holding the bits when created; assigning
/// to it (=, compound assignments, ++ --) writes the bits hi..lo of x.
template <class P, int W> class ap_range_ref : public ap_uint<W> {
public:
  ap_range_ref(P* p, int hi, int lo)
      : ap_uint<W>(polyallo_csim::raw_tag{}, p->pa_get_range(hi, lo)), p_(p), hi_(hi), lo_(lo) {}
  ap_range_ref(const ap_range_ref&) = default;
  ap_range_ref& operator=(const ap_range_ref& v) { return assign(v.pa_bits()); }
  template <class T> ap_range_ref& operator=(const T& v) { return assign(ap_uint<W>(v).pa_bits()); }
  template <class T> ap_range_ref& operator+=(const T& b) { return *this = value() + b; }
  template <class T> ap_range_ref& operator-=(const T& b) { return *this = value() - b; }
  template <class T> ap_range_ref& operator*=(const T& b) { return *this = value() * b; }
  template <class T> ap_range_ref& operator/=(const T& b) { return *this = value() / b; }
  template <class T> ap_range_ref& operator%=(const T& b) { return *this = value() % b; }
  template <class T> ap_range_ref& operator&=(const T& b) { return *this = value() & b; }
  template <class T> ap_range_ref& operator|=(const T& b) { return *this = value() | b; }
  template <class T> ap_range_ref& operator^=(const T& b) { return *this = value() ^ b; }
  template <class T> ap_range_ref& operator<<=(const T& n) { return *this = value() << n; }
  template <class T> ap_range_ref& operator>>=(const T& n) { return *this = value() >> n; }
  ap_range_ref& operator++() { return *this = value() + 1; }
  ap_range_ref& operator--() { return *this = value() - 1; }
  ap_uint<W> operator++(int) {
    ap_uint<W> old = value();
    ++*this;
    return old;
  }
  ap_uint<W> operator--(int) {
    ap_uint<W> old = value();
    --*this;
    return old;
  }

private:
  const ap_uint<W>& value() const { return *this; }
  ap_range_ref& assign(polyallo_csim::u128 bits) {
    p_->pa_set_range(hi_, lo_, bits);
    static_cast<ap_uint<W>&>(*this) =
        ap_uint<W>(polyallo_csim::raw_tag{}, p_->pa_get_range(hi_, lo_));
    return *this;
  }
  P* p_;
  int hi_, lo_;
};

/// x[i] of a non-const x: an ap_uint<1> holding the bit when created; assigning a value
/// sets the bit to (value != 0).
template <class P> class ap_bit_ref : public ap_uint<1> {
public:
  ap_bit_ref(P* p, int i) : ap_uint<1>(p->test(i)), p_(p), i_(i) {}
  ap_bit_ref(const ap_bit_ref&) = default;
  ap_bit_ref& operator=(const ap_bit_ref& b) { return assign(b.pa_bits() != 0); }
  template <class T> ap_bit_ref& operator=(const T& v) { return assign(static_cast<bool>(v)); }

private:
  ap_bit_ref& assign(bool b) {
    p_->set_bit(i_, b);
    static_cast<ap_uint<1>&>(*this) = ap_uint<1>(b);
    return *this;
  }
  P* p_;
  int i_;
};

// ---- binary operators ------------------------------------------------------------------

// OP between two ap values (result type RT, bits BODY of x = a's bits, y = b's bits), an ap
// value and a built-in integer, and an ap value and float / double.
#define POLYALLO_CSIM_INT_ARITH(OP, RT, BODY)                                                      \
  template <int W1, bool S1, int W2, bool S2>                                                      \
  inline typename polyallo_csim::int_rtype<W1, S1, W2, S2>::RT operator OP(                        \
      const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {                                \
    polyallo_csim::u128 x = a.pa_bits(), y = b.pa_bits();                                          \
    return {polyallo_csim::raw_tag{}, BODY};                                                       \
  }                                                                                                \
  template <int W, bool S, class T, polyallo_csim::if_int_t<T> = 0>                                \
  inline auto operator OP(const ap_int_base<W, S>& a, T b) {                                       \
    return a OP polyallo_csim::int_of_t<T>(b);                                                     \
  }                                                                                                \
  template <class T, int W, bool S, polyallo_csim::if_int_t<T> = 0>                                \
  inline auto operator OP(T a, const ap_int_base<W, S>& b) {                                       \
    return polyallo_csim::int_of_t<T>(a) OP b;                                                     \
  }

#define POLYALLO_CSIM_INT_FLOAT(OP, RET_D, RET_F)                                                  \
  template <int W, bool S> inline RET_D operator OP(const ap_int_base<W, S>& a, double b) {        \
    return a.to_double() OP b;                                                                     \
  }                                                                                                \
  template <int W, bool S> inline RET_D operator OP(double a, const ap_int_base<W, S>& b) {        \
    return a OP b.to_double();                                                                     \
  }                                                                                                \
  template <int W, bool S> inline RET_F operator OP(const ap_int_base<W, S>& a, float b) {         \
    return a.to_float() OP b;                                                                      \
  }                                                                                                \
  template <int W, bool S> inline RET_F operator OP(float a, const ap_int_base<W, S>& b) {         \
    return a OP b.to_float();                                                                      \
  }

POLYALLO_CSIM_INT_ARITH(+, plus, x + y)
POLYALLO_CSIM_INT_ARITH(-, minus, x - y)
POLYALLO_CSIM_INT_ARITH(*, mult, (x * y))
POLYALLO_CSIM_INT_ARITH(/, div, polyallo_csim::div(x, S1, y, S2))
POLYALLO_CSIM_INT_ARITH(%, mod, polyallo_csim::mod(x, S1, y, S2))
POLYALLO_CSIM_INT_ARITH(&, logic, x& y)
POLYALLO_CSIM_INT_ARITH(|, logic, x | y)
POLYALLO_CSIM_INT_ARITH(^, logic, x ^ y)
POLYALLO_CSIM_INT_FLOAT(+, double, float)
POLYALLO_CSIM_INT_FLOAT(-, double, float)
POLYALLO_CSIM_INT_FLOAT(*, double, float)
POLYALLO_CSIM_INT_FLOAT(/, double, float)

#define POLYALLO_CSIM_INT_COMPARE(OP)                                                              \
  template <int W1, bool S1, int W2, bool S2>                                                      \
  inline bool operator OP(const ap_int_base<W1, S1>& a, const ap_int_base<W2, S2>& b) {            \
    return polyallo_csim::compare(a.pa_bits(), S1, b.pa_bits(), S2) OP 0;                          \
  }                                                                                                \
  template <int W, bool S, class T, polyallo_csim::if_int_t<T> = 0>                                \
  inline bool operator OP(const ap_int_base<W, S>& a, T b) {                                       \
    return a OP polyallo_csim::int_of_t<T>(b);                                                     \
  }                                                                                                \
  template <class T, int W, bool S, polyallo_csim::if_int_t<T> = 0>                                \
  inline bool operator OP(T a, const ap_int_base<W, S>& b) {                                       \
    return polyallo_csim::int_of_t<T>(a) OP b;                                                     \
  }                                                                                                \
  POLYALLO_CSIM_INT_FLOAT(OP, bool, bool)

POLYALLO_CSIM_INT_COMPARE(==)
POLYALLO_CSIM_INT_COMPARE(!=)
POLYALLO_CSIM_INT_COMPARE(<)
POLYALLO_CSIM_INT_COMPARE(<=)
POLYALLO_CSIM_INT_COMPARE(>)
POLYALLO_CSIM_INT_COMPARE(>=)

// Shifts keep the left operand's type; the amount is a built-in integer or an ap value.
#define POLYALLO_CSIM_INT_SHIFT(OP, LEFT)                                                          \
  template <int W, bool S, int W2, bool S2>                                                        \
  inline polyallo_csim::int_t<W, S> operator OP(const ap_int_base<W, S>& a,                        \
                                                const ap_int_base<W2, S2>& n) {                    \
    return {polyallo_csim::raw_tag{},                                                              \
            polyallo_csim::shift(a.pa_bits(), S, n.pa_bits(), S2, LEFT)};                          \
  }                                                                                                \
  template <int W, bool S, class T, polyallo_csim::if_int_t<T> = 0>                                \
  inline polyallo_csim::int_t<W, S> operator OP(const ap_int_base<W, S>& a, T n) {                 \
    return a OP polyallo_csim::int_of_t<T>(n);                                                     \
  }

POLYALLO_CSIM_INT_SHIFT(<<, true)
POLYALLO_CSIM_INT_SHIFT(>>, false)

#undef POLYALLO_CSIM_INT_ARITH
#undef POLYALLO_CSIM_INT_COMPARE
#undef POLYALLO_CSIM_INT_SHIFT
#undef POLYALLO_CSIM_INT_FLOAT

#endif // POLYALLO_CSIM_AP_INT_H
