// csim headers: the embedding, each header alone, ap_int / ap_uint (CsimTesting.h).
#include "CsimTesting.h"

namespace polyallo {
namespace {

using namespace csim_testing;

TEST(CsimHeaders, AreEmbedded) {
  std::set<std::string> names;
  for (const codegen::CsimHeader& h : codegen::csimHeaders()) {
    names.insert(h.name);
    EXPECT_NE(std::string(h.text).find("polyallo's own"), std::string::npos) << h.name;
    // The embedded text is the file's text.
    std::string file =
        readFile(std::filesystem::path(POLYALLO_SOURCE_DIR) / "codegen/csim" / h.name);
    EXPECT_EQ(file, h.text) << h.name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"ap_fixed.h", "ap_int.h", "hls_math.h", "hls_stream.h"}));
}

TEST(CsimHeaders, EachCompilesAlone) {
  SKIP_WITHOUT_COMPILER();
  std::filesystem::path dir = headerDir("alone");
  for (const codegen::CsimHeader& h : codegen::csimHeaders()) {
    std::string err = compile(
        dir, fmt::format("#include \"{}\"\nint main() {{ return 0; }}\n", h.name), "-pedantic");
    EXPECT_EQ(err, "") << h.name;
  }
  if (!HasFailure()) {
    std::filesystem::remove_all(dir);
  }
}

TEST(CsimHeaders, IntConstructionAndConversion) {
  SKIP_WITHOUT_COMPILER();
  std::mt19937_64 rng(1);
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
template <class A> void construct() {
  for (int i = 0; i < kNI; ++i) {
    ull v = kI[i];
    out(A((long long)v).to_uint64());
    out(A(v).to_uint64());
    out(A(ap_int<13>((long long)v)).to_uint64());
    out(A(ap_uint<40>(v)).to_uint64());
    A a = (long long)v;
    outd(a.to_double());
    outf(a.to_float());
    outd((double)a);
    out((ull)(long long)a);
  }
  for (int i = 0; i < kND; ++i) {
    double d = dbl(kD[i]);
    out(A(d).to_uint64());
    out(A((float)d).to_uint64());
    A a;
    a = d;
    out(a.to_uint64());
  }
}
int main() {
)";
  Expected e;
  for (const ElemType& t : intTypes()) {
    body += fmt::format("  construct<{}>();\n", hlsType(t));
    for (uint64_t v : ints) {
      std::string at = fmt::format("{} from 0x{:x}", t.str(), v);
      uint64_t a = wrapBits(v, t);
      e.add(a, at + " (long long)");
      e.add(a, at + " (ull)");
      e.add(wrapBits(wrapBits(v, Int(13)), t), at + " (ap_int<13>)");
      e.add(wrapBits(wrapBits(v, UInt(40)), t), at + " (ap_uint<40>)");
      e.addDouble(bitsToDouble(a, t), at + ": to_double");
      e.addFloat(intToFloat(a, t), at + ": to_float");
      e.addDouble(bitsToDouble(a, t), at + ": (double)");
      e.add(a, at + ": implicit integer");
    }
    for (double d : doubles) {
      std::string at = fmt::format("{} from {}", t.str(), d);
      e.add(floatToBits(d, t), at);
      e.add(floatToBits(static_cast<float>(d), t), at + " (float)");
      e.add(floatToBits(d, t), at + " (assigned)");
    }
  }
  body += "}\n";
  e.check(compileAndRun("intconv", body));
}

TEST(CsimHeaders, IntArithmeticCastBack) {
  SKIP_WITHOUT_COMPILER();
  struct Case {
    ElemType a, b, r;
  };
  std::vector<Case> cases = {
      {Int(8), Int(8), Int(9)},       {UInt(8), Int(8), Int(10)},    {Int(8), UInt(8), Int(16)},
      {UInt(8), UInt(8), UInt(8)},    {Int(31), UInt(33), Int(64)},  {Int(64), Int(64), Int(64)},
      {UInt(64), UInt(64), UInt(64)}, {Int(64), UInt(64), Int(64)},  {UInt(1), Int(1), Int(7)},
      {UInt(7), Int(63), Int(32)},    {Int(32), UInt(32), UInt(33)}, {Int(33), Int(31), Int(63)},
      {UInt(63), UInt(64), UInt(1)}};
  std::mt19937_64 rng(2);
  std::string body = R"(
template <class A, class B, class R> void arith(Data xs, Data ys, int n) {
  for (int i = 0; i < n; ++i) {
    A a = (long long)xs[i];
    B b = (long long)ys[i];
    R r;
    r = a + b; out(r.to_uint64());
    r = a - b; out(r.to_uint64());
    r = a * b; out(r.to_uint64());
    r = a / b; out(r.to_uint64());
    r = a % b; out(r.to_uint64());
    r = a & b; out(r.to_uint64());
    r = a | b; out(r.to_uint64());
    r = a ^ b; out(r.to_uint64());
    out(a == b); out(a != b); out(a < b); out(a <= b); out(a > b); out(a >= b);
    r = a + 3; out(r.to_uint64());
    r = 5 - b; out(r.to_uint64());
    out(a < 0); out(b > 1u);
    A c = a; c += b; out(c.to_uint64());
    c = a; c -= b; out(c.to_uint64());
    c = a; c *= b; out(c.to_uint64());
    c = a; c /= b; out(c.to_uint64());
    c = a; c %= b; out(c.to_uint64());
    r = -a; out(r.to_uint64());
    r = ~a; out(r.to_uint64());
    c = a; ++c; out(c.to_uint64());
    c = a; c--; out(c.to_uint64());
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
    for (size_t i = 0; i < xs.size(); ++i) {
      uint64_t a = xs[i], b = ys[i];
      i128 va = value(a, c.a), vb = value(b, c.b);
      std::string at =
          fmt::format("{} 0x{:x} op {} 0x{:x} -> {}", c.a.str(), a, c.b.str(), b, c.r.str());
      auto q = [&](const ElemType& t) {
        return vb == 0 ? 0 : wrapBits(static_cast<uint64_t>(va / vb), t);
      };
      auto m = [&](const ElemType& t) {
        return vb == 0 ? 0 : wrapBits(static_cast<uint64_t>(va % vb), t);
      };
      e.add(wrapBits(a + b, c.r), at + " +");
      e.add(wrapBits(a - b, c.r), at + " -");
      e.add(wrapBits(a * b, c.r), at + " *");
      e.add(q(c.r), at + " /");
      e.add(m(c.r), at + " %");
      e.add(wrapBits(a & b, c.r), at + " &");
      e.add(wrapBits(a | b, c.r), at + " |");
      e.add(wrapBits(a ^ b, c.r), at + " ^");
      e.add(va == vb, at + " ==");
      e.add(va != vb, at + " !=");
      e.add(va < vb, at + " <");
      e.add(va <= vb, at + " <=");
      e.add(va > vb, at + " >");
      e.add(va >= vb, at + " >=");
      e.add(wrapBits(a + 3, c.r), at + " a + 3");
      e.add(wrapBits(5 - b, c.r), at + " 5 - b");
      e.add(va < 0, at + " a < 0");
      e.add(vb > 1, at + " b > 1u");
      e.add(wrapBits(a + b, c.a), at + " +=");
      e.add(wrapBits(a - b, c.a), at + " -=");
      e.add(wrapBits(a * b, c.a), at + " *=");
      e.add(q(c.a), at + " /=");
      e.add(m(c.a), at + " %=");
      e.add(wrapBits(uint64_t{0} - a, c.r), at + " -a");
      e.add(wrapBits(wrapBits(~a, c.a), c.r), at + " ~a");
      e.add(wrapBits(a + 1, c.a), at + " ++");
      e.add(wrapBits(a - 1, c.a), at + " --");
    }
  }
  body += "int main() {\n" + calls + "}\n";
  e.check(compileAndRun("intarith", body));
}

TEST(CsimHeaders, IntShifts) {
  SKIP_WITHOUT_COMPILER();
  std::mt19937_64 rng(3);
  std::string body = R"(
template <class A> void shifts(Data xs, int n, int w) {
  for (int i = 0; i < n; ++i) {
    A a = (long long)xs[i];
    for (int k = 0; k <= w + 2; ++k) {
      static_assert(std::is_same<decltype(a << k), A>::value, "<< keeps the type");
      static_assert(std::is_same<decltype(a >> ap_uint<7>(k)), A>::value, ">> keeps the type");
      A r = a << k; out(r.to_uint64());
      r = a >> k; out(r.to_uint64());
      r = a << ap_uint<7>(k); out(r.to_uint64());
      r = a >> ap_uint<7>(k); out(r.to_uint64());
      r = a; r <<= k; out(r.to_uint64());
      r = a; r >>= k; out(r.to_uint64());
    }
  }
}
int main() {
)";
  std::string arrays;
  Expected e;
  int k = 0;
  for (const ElemType& t : intTypes()) {
    std::vector<uint64_t> xs = operands(t, 10, rng);
    arrays += array(fmt::format("kX{}", k), xs);
    body += fmt::format("  shifts<{}>(kX{}, {}, {});\n", hlsType(t), k, xs.size(), t.width);
    ++k;
    for (uint64_t a : xs) {
      for (int n = 0; n <= t.width + 2; ++n) {
        std::string at = fmt::format("{} 0x{:x} by {}", t.str(), a, n);
        uint64_t shl = n < 64 ? wrapBits(a << n, t) : 0;
        uint64_t shr = 0;
        if (t.isSigned()) {
          int64_t s = static_cast<int64_t>(a);
          shr = n < 64 ? static_cast<uint64_t>(s >> n) : (s < 0 ? ~uint64_t{0} : 0);
        } else {
          shr = n < 64 ? a >> n : 0;
        }
        for (int rep = 0; rep < 3; ++rep) {
          e.add(shl, at + " <<");
          e.add(shr, at + " >>");
        }
      }
    }
  }
  body = arrays + body + "}\n";
  e.check(compileAndRun("shifts", body));
}

TEST(CsimHeaders, IntComparisonsAcrossSignedness) {
  SKIP_WITHOUT_COMPILER();
  // Values that C's usual arithmetic conversions would compare wrongly.
  RunResult r = compileAndRun("cmp", R"(
int main() {
  ap_int<8> m1 = -1;
  ap_uint<8> u255 = 255;
  ap_uint<64> umax = ~0ULL;
  ap_int<64> smin = (long long)(1ULL << 63);
  out(m1 < u255); out(m1 == u255); out(m1 < umax); out(smin < umax); out(smin < 0);
  out(umax > -1); out(u255 == 255); out(m1 == -1); out(ap_uint<1>(1) > ap_int<1>(-1));
  out(ap_int<128>(smin) * smin == ap_uint<127>(1) << 126);
  out(m1 < 0.5); out(u255 > 254.5f);
  return 0;
}
)");
  Expected e;
  for (int v : {1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}) {
    e.add(v, "comparison");
  }
  e.check(r);
}

TEST(CsimHeaders, RangeAndBitAccess) {
  SKIP_WITHOUT_COMPILER();
  std::mt19937_64 rng(4);
  std::string body = R"(
template <class A> void bits(Data xs, Data vs, int n, int w) {
  for (int i = 0; i < n; ++i) {
    A a = (long long)xs[i];
    ull v = vs[i];
    for (int lo = 0; lo < w; lo += 3) {
      for (int hi = lo; hi < w; hi += 5) {
        out(a.range(hi, lo).to_uint64());
        ap_uint<64> wide = a(hi, lo);
        out(wide.to_uint64());
        A c = a;
        c.range(hi, lo) = v;
        out(c.to_uint64());
      }
    }
    out(a.range().to_uint64());
    const A ca = a;
    out(ca.range().to_uint64());
    for (int b = 0; b < w; ++b) {
      bool bit = a[b];
      out(bit);
      out(ca[b]);
      A c = a;
      c[b] = !a[b];
      out(c.to_uint64());
    }
  }
}
int main() {
)";
  std::string arrays;
  Expected e;
  int k = 0;
  for (const ElemType& t : {Int(8), UInt(8), Int(33), UInt(33), Int(64), UInt(64)}) {
    std::vector<uint64_t> xs = operands(t, 6, rng);
    std::vector<uint64_t> vs;
    for (size_t i = 0; i < xs.size(); ++i) {
      vs.push_back(rng());
    }
    arrays += array(fmt::format("kX{}", k), xs) + array(fmt::format("kV{}", k), vs);
    body += fmt::format("  bits<{}>(kX{}, kV{}, {}, {});\n", hlsType(t), k, k, xs.size(), t.width);
    ++k;
    for (size_t i = 0; i < xs.size(); ++i) {
      uint64_t a = xs[i], v = vs[i];
      std::string at = fmt::format("{} 0x{:x}", t.str(), a);
      for (int lo = 0; lo < t.width; lo += 3) {
        for (int hi = lo; hi < t.width; hi += 5) {
          int n = hi - lo + 1;
          uint64_t mask = n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
          uint64_t get = (a >> lo) & mask;
          e.add(get, fmt::format("{}.range({}, {})", at, hi, lo));
          e.add(get, fmt::format("{}({}, {}) as ap_uint<64>", at, hi, lo));
          // v is first converted to ap_uint<W> (its low W bits), then its low n bits are set.
          uint64_t set = wrapBits((a & ~(mask << lo)) | ((zext(v, t.width) & mask) << lo), t);
          e.add(set, fmt::format("{}.range({}, {}) = 0x{:x}", at, hi, lo, v));
        }
      }
      e.add(zext(a, t.width), at + ".range()");
      e.add(zext(a, t.width), at + ".range() const");
      for (int b = 0; b < t.width; ++b) {
        uint64_t bit = (a >> b) & 1;
        e.add(bit, fmt::format("{}[{}]", at, b));
        e.add(bit, fmt::format("{}[{}] const", at, b));
        e.add(wrapBits(a ^ (uint64_t{1} << b), t), fmt::format("{}[{}] = !bit", at, b));
      }
    }
  }
  body = arrays + body + "}\n";
  e.check(compileAndRun("range", body));
}

} // namespace
} // namespace polyallo
