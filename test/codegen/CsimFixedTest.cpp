// csim headers: ap_fixed / ap_ufixed (CsimTesting.h).
#include "CsimTesting.h"

namespace polyallo {
namespace {

using namespace csim_testing;

const std::vector<ElemType>& fixedTypes() {
  static const std::vector<ElemType> types = {
      Fixed(8, 4),   UFixed(8, 4),  Fixed(16, 15),  UFixed(7, 7), Fixed(32, 16),
      UFixed(33, 1), Fixed(64, 32), UFixed(64, 60), Fixed(63, 0), Fixed(31, 31),
      Fixed(1, 0),   UFixed(1, 1),  Fixed(64, 64),  UFixed(64, 0)};
  return types;
}

TEST(CsimHeaders, FixedConstructionAndConversion) {
  SKIP_WITHOUT_COMPILER();
  std::mt19937_64 rng(5);
  std::vector<uint64_t> ints = intInputs(rng);
  std::vector<double> doubles = doubleInputs(rng);
  std::vector<uint64_t> doubleBitsV;
  for (double d : doubles) {
    doubleBitsV.push_back(doubleBits(d));
  }
  std::string body =
      array("kI", ints) + array("kD", doubleBitsV) +
      fmt::format("static const int kNI = {}, kND = {};\n", ints.size(), doubles.size()) +
      R"(
template <class X> void construct() {
  for (int i = 0; i < kND; ++i) {
    double d = dbl(kD[i]);
    X x = d;
    out(raw(x));
    X y = (float)d;
    out(raw(y));
  }
  for (int i = 0; i < kNI; ++i) {
    ull v = kI[i];
    X x = (long long)v;
    out(raw(x));
    X y = ap_int<13>((long long)v);
    out(raw(y));
    X z = ap_uint<40>(v);
    out(raw(z));
    X w;
    w.range() = v;
    out(raw(w));
    outd(w.to_double());
    outf(w.to_float());
    double implicit = w;
    outd(implicit);
    out((ull)w.to_int64());
    out(ap_int<64>(w).to_uint64());
    out(ap_int<8>(w).to_uint64());
  }
}
int main() {
)";
  Expected e;
  for (const ElemType& t : fixedTypes()) {
    body += fmt::format("  construct<{}>();\n", hlsType(t));
    for (double d : doubles) {
      std::string at = fmt::format("{} from {}", t.str(), d);
      e.add(zext(floatToBits(d, t), t.width), at);
      e.add(zext(floatToBits(static_cast<float>(d), t), t.width), at + " (float)");
    }
    for (uint64_t v : ints) {
      std::string at = fmt::format("{} from 0x{:x}", t.str(), v);
      auto fromInt = [&](uint64_t x) {
        return zext(t.frac >= 64 ? 0 : wrapBits(x << t.frac, t), t.width);
      };
      e.add(fromInt(v), at + " (long long)");
      e.add(fromInt(wrapBits(v, Int(13))), at + " (ap_int<13>)");
      e.add(fromInt(wrapBits(v, UInt(40))), at + " (ap_uint<40>)");
      uint64_t w = wrapBits(v, t);
      e.add(zext(w, t.width), at + " raw");
      e.addDouble(bitsToDouble(w, t), at + " raw: to_double");
      e.addFloat(std::ldexp(intToFloat(w, t), -t.frac), at + " raw: to_float");
      e.addDouble(bitsToDouble(w, t), at + " raw: implicit double");
      e.add(truncToInt(w, t), at + " raw: to_int64");
      e.add(truncToInt(w, t), at + " raw: ap_int<64>");
      e.add(wrapBits(truncToInt(w, t), Int(8)), at + " raw: ap_int<8>");
    }
  }
  body += "}\n";
  e.check(compileAndRun("fixedconv", body));
}

TEST(CsimHeaders, FixedToFixedFloorsAndWraps) {
  SKIP_WITHOUT_COMPILER();
  std::mt19937_64 rng(6);
  std::vector<ElemType> types = {Fixed(8, 4),   UFixed(8, 4),  Fixed(16, 15), UFixed(7, 7),
                                 Fixed(32, 16), UFixed(33, 1), Fixed(64, 32), UFixed(64, 60),
                                 Fixed(63, 0),  Fixed(1, 0)};
  std::string body = R"(
template <class X, class Y> void conv(Data xs, int n) {
  for (int i = 0; i < n; ++i) {
    X x;
    x.range() = xs[i];
    Y y = x;
    out(raw(y));
    Y z;
    z = x;
    z += 0;
    out(raw(z));
  }
}
int main() {
)";
  std::string arrays;
  Expected e;
  for (size_t i = 0; i < types.size(); ++i) {
    const ElemType& from = types[i];
    std::vector<uint64_t> xs = operands(from, 12, rng);
    arrays += array(fmt::format("kX{}", i), xs);
    for (const ElemType& to : types) {
      body += fmt::format("  conv<{}, {}>(kX{}, {});\n", hlsType(from), hlsType(to), i, xs.size());
      for (uint64_t x : xs) {
        uint64_t r = zext(castFixed(x, from, to), to.width);
        std::string at = fmt::format("{} 0x{:x} -> {}", from.str(), x, to.str());
        e.add(r, at);
        e.add(r, at + " (assigned, += 0)");
      }
    }
  }
  body = arrays + body + "}\n";
  e.check(compileAndRun("fixedfixed", body));
}

TEST(CsimHeaders, FixedArithmeticCastBack) {
  SKIP_WITHOUT_COMPILER();
  struct Case {
    ElemType a, b, r;
  };
  std::vector<Case> cases = {
      {Fixed(8, 4), Fixed(8, 4), Fixed(8, 4)},       {Fixed(8, 4), UFixed(8, 4), Fixed(16, 8)},
      {UFixed(8, 4), UFixed(8, 4), UFixed(12, 6)},   {Fixed(16, 15), Fixed(32, 16), Fixed(64, 32)},
      {UFixed(7, 7), Fixed(8, 4), Fixed(8, 0)},      {Fixed(32, 16), UFixed(33, 1), Fixed(33, 31)},
      {Fixed(40, 20), Fixed(40, 20), Fixed(40, 20)}, {Fixed(63, 0), UFixed(33, 1), Fixed(64, 1)}};
  std::mt19937_64 rng(7);
  std::string body = R"(
template <class A, class B, class R> void arith(Data xs, Data ys, int n) {
  for (int i = 0; i < n; ++i) {
    A a;
    a.range() = xs[i];
    B b;
    b.range() = ys[i];
    R r;
    r = a + b; out(raw(r));
    r = a - b; out(raw(r));
    r = a * b; out(raw(r));
    r = a / b; out(raw(r));
    out(a == b); out(a != b); out(a < b); out(a <= b); out(a > b); out(a >= b);
    A c = a; c += b; out(raw(c));
    c = a; c -= b; out(raw(c));
    c = a; c *= b; out(raw(c));
    r = -a; out(raw(r));
    r = a + 1; out(raw(r));
    r = a * 3; out(raw(r));
    r = a * ap_int<5>(-3); out(raw(r));
    out(a < 1); out(ap_int<4>(-2) < a);
    outd(a + 0.25);
    outf(a * 2.5f);
  }
}
)";
  std::string calls;
  Expected e;
  for (size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    std::vector<uint64_t> xs, ys;
    std::vector<uint64_t> ea = operands(c.a, 0, rng), eb = operands(c.b, 0, rng);
    for (uint64_t x : ea) {
      for (uint64_t y : eb) {
        xs.push_back(x);
        ys.push_back(y);
      }
    }
    std::vector<uint64_t> ra = operands(c.a, 60, rng), rb = operands(c.b, 60, rng);
    xs.insert(xs.end(), ra.begin() + 8, ra.end());
    ys.insert(ys.end(), rb.begin() + 8, rb.end());
    body += array(fmt::format("kX{}", k), xs) + array(fmt::format("kY{}", k), ys);
    calls += fmt::format("  arith<{}, {}, {}>(kX{}, kY{}, {});\n", hlsType(c.a), hlsType(c.b),
                         hlsType(c.r), k, k, xs.size());
    int fa = c.a.frac, fb = c.b.frac, f = std::max(fa, fb);
    for (size_t i = 0; i < xs.size(); ++i) {
      uint64_t a = xs[i], b = ys[i];
      i128 va = value(a, c.a), vb = value(b, c.b);
      i128 xa = va * (static_cast<i128>(1) << (f - fa)),
           xb = vb * (static_cast<i128>(1) << (f - fb));
      std::string at =
          fmt::format("{} 0x{:x} op {} 0x{:x} -> {}", c.a.str(), a, c.b.str(), b, c.r.str());
      auto R = [&](i128 v, int frac) { return zext(exactTo(v, frac, c.r), c.r.width); };
      auto A = [&](i128 v, int frac) { return zext(exactTo(v, frac, c.a), c.a.width); };
      e.add(R(xa + xb, f), at + " +");
      e.add(R(xa - xb, f), at + " -");
      e.add(R(va * vb, fa + fb), at + " *");
      e.add(vb == 0 ? 0 : R(va * (static_cast<i128>(1) << fb) / vb, fa), at + " /");
      e.add(xa == xb, at + " ==");
      e.add(xa != xb, at + " !=");
      e.add(xa < xb, at + " <");
      e.add(xa <= xb, at + " <=");
      e.add(xa > xb, at + " >");
      e.add(xa >= xb, at + " >=");
      e.add(A(xa + xb, f), at + " +=");
      e.add(A(xa - xb, f), at + " -=");
      e.add(A(va * vb, fa + fb), at + " *=");
      e.add(R(-va, fa), at + " -a");
      i128 one = static_cast<i128>(1) << fa;
      e.add(R(va + one, fa), at + " a + 1");
      e.add(R(va * 3, fa), at + " a * 3");
      e.add(R(va * -3, fa), at + " a * ap_int<5>(-3)");
      e.add(va < one, at + " a < 1");
      e.add(-2 * one < va, at + " ap_int<4>(-2) < a");
      e.addDouble(bitsToDouble(a, c.a) + 0.25, at + " a + 0.25");
      e.addFloat(std::ldexp(intToFloat(a, c.a), -fa) * 2.5f, at + " a * 2.5f");
    }
  }
  body += "int main() {\n" + calls + "}\n";
  e.check(compileAndRun("fixedarith", body));
}

} // namespace
} // namespace polyallo
