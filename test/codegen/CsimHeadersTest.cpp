// polyallo's csim headers (codegen/csim/, embedded by codegen/CsimHeaders.h): small C++
// programs include them (copied from csimHeaders() into a temporary directory), are built
// with g++ -std=c++17 -Wall -Wextra -Werror -ffp-contract=off -O1 and run; what they print is
// compared with the reference conversions of codegen/CTypes.h (wrapBits, floatToBits,
// bitsToDouble) and exact 128-bit arithmetic computed here.
#include "codegen/CsimHeaders.h"
#include "codegen/CTypes.h"
#include "core/Types.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace polyallo {
namespace {

using codegen::bitsToDouble;
using codegen::floatToBits;
using codegen::wrapBits;
using core::ElemType;
using core::Fixed;
using core::Int;
using core::TypeKind;
using core::UFixed;
using core::UInt;

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

const char* const kCompiler = "g++";

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

bool haveCompiler() {
  static const bool have =
      std::system(fmt::format("{} --version > /dev/null 2>&1", kCompiler).c_str()) == 0;
  return have;
}

/// A fresh directory holding the embedded headers.
std::filesystem::path headerDir(const std::string& tag) {
  static int counter = 0;
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      fmt::format("polyallo-csim-{}-{}-{}", tag, static_cast<long>(getpid()), counter++);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const codegen::CsimHeader& h : codegen::csimHeaders()) {
    writeFile(dir / h.name, h.text);
  }
  return dir;
}

constexpr const char* kFlags = "-std=c++17 -Wall -Wextra -Werror -ffp-contract=off -O1";

/// Compiles `source` against the headers; "" on success, else the compiler's output.
std::string compile(const std::filesystem::path& dir, const std::string& source,
                    const std::string& extra = "") {
  writeFile(dir / "main.cpp", source);
  std::string cmd =
      fmt::format("{} {} {} -I{} {}/main.cpp -o {}/main > {}/compile.log 2>&1", kCompiler, kFlags,
                  extra, dir.string(), dir.string(), dir.string(), dir.string());
  if (std::system(cmd.c_str()) != 0) {
    std::string log = readFile(dir / "compile.log");
    return log.empty() ? "compiler failed" : log;
  }
  return "";
}

struct RunResult {
  bool ok = false;
  std::string out, err;
};

/// Compiles and runs `source` (the common prelude is prepended).
RunResult compileAndRun(const std::string& tag, const std::string& body) {
  static const std::string kPrelude = R"(#include "ap_fixed.h"
#include "ap_int.h"
#include "hls_math.h"
#include "hls_stream.h"
#include <cstdio>
#include <cstring>
#include <type_traits>
typedef unsigned long long ull;
typedef const volatile ull* Data;
inline void out(ull v) { std::printf("%llx\n", v); }
inline void outd(double d) { ull b; std::memcpy(&b, &d, 8); out(b); }
inline void outf(float f) { unsigned b; std::memcpy(&b, &f, 4); out(b); }
inline double dbl(ull b) { double d; std::memcpy(&d, &b, 8); return d; }
template <class T> ull raw(const T& x) { return x.range().to_uint64(); }
)";
  RunResult r;
  std::filesystem::path dir = headerDir(tag);
  std::string err = compile(dir, kPrelude + body);
  if (!err.empty()) {
    ADD_FAILURE() << "compiling " << (dir / "main.cpp").string() << " failed:\n" << err;
    return r;
  }
  std::string cmd =
      fmt::format("{}/main > {}/out.txt 2> {}/err.txt", dir.string(), dir.string(), dir.string());
  r.ok = std::system(cmd.c_str()) == 0;
  r.out = readFile(dir / "out.txt");
  r.err = readFile(dir / "err.txt");
  EXPECT_TRUE(r.ok) << "running " << dir.string() << "/main failed: " << r.err;
  if (r.ok && !::testing::Test::HasFailure()) {
    std::filesystem::remove_all(dir);
  }
  return r;
}

std::vector<uint64_t> parseHex(const std::string& text) {
  std::vector<uint64_t> v;
  std::istringstream in(text);
  uint64_t x = 0;
  while (in >> std::hex >> x) {
    v.push_back(x);
  }
  return v;
}

/// Expected outputs with a label each, in the order the program prints them.
struct Expected {
  std::vector<uint64_t> values;
  std::vector<std::string> labels;
  void add(uint64_t v, std::string label) {
    values.push_back(v);
    labels.push_back(std::move(label));
  }
  void addDouble(double d, std::string label) {
    uint64_t b = 0;
    std::memcpy(&b, &d, 8);
    add(b, std::move(label));
  }
  void addFloat(float f, std::string label) {
    uint32_t b = 0;
    std::memcpy(&b, &f, 4);
    add(b, std::move(label));
  }
  void check(const RunResult& r) const {
    if (!r.ok) {
      return;
    }
    std::vector<uint64_t> got = parseHex(r.out);
    ASSERT_EQ(got.size(), values.size()) << "number of printed values";
    int mismatches = 0;
    for (size_t i = 0; i < got.size() && mismatches < 20; ++i) {
      if (got[i] != values[i]) {
        ++mismatches;
        ADD_FAILURE() << labels[i] << ": got 0x" << std::hex << got[i] << ", expected 0x"
                      << values[i];
      }
    }
  }
};

std::string hlsType(const ElemType& t) {
  switch (t.kind) {
  case TypeKind::Int:
    return fmt::format("ap_int<{}>", t.width);
  case TypeKind::UInt:
    return fmt::format("ap_uint<{}>", t.width);
  case TypeKind::Fixed:
    return fmt::format("ap_fixed<{}, {}>", t.width, t.width - t.frac);
  case TypeKind::UFixed:
    return fmt::format("ap_ufixed<{}, {}>", t.width, t.width - t.frac);
  default:
    throw std::logic_error("hlsType");
  }
}

std::string array(const std::string& name, const std::vector<uint64_t>& v) {
  std::string s = fmt::format("static const volatile ull {}[] = {{", name);
  for (uint64_t x : v) {
    s += fmt::format("0x{:x}ULL, ", x);
  }
  return s + "0};\n"; // never empty
}

uint64_t doubleBits(double d) {
  uint64_t b = 0;
  std::memcpy(&b, &d, 8);
  return b;
}

/// The value of a normalized pattern of an integer or fixed type (the raw for fixed).
i128 value(uint64_t bits, const ElemType& t) {
  return t.isSigned() ? static_cast<i128>(static_cast<int64_t>(bits)) : static_cast<i128>(bits);
}

/// Bit patterns of `t`: the edge values, then `randomCount` random ones.
std::vector<uint64_t> operands(const ElemType& t, int randomCount, std::mt19937_64& rng) {
  int w = t.width;
  uint64_t top = uint64_t{1} << (w - 1); // the sign bit
  uint64_t min = t.isSigned() ? wrapBits(top, t) : 0;
  uint64_t max = t.isSigned() ? top - 1 : wrapBits(~uint64_t{0}, t);
  std::vector<uint64_t> v;
  for (uint64_t x :
       {uint64_t{0}, uint64_t{1}, ~uint64_t{0}, uint64_t{2}, min, min + 1, max, max - 1}) {
    v.push_back(wrapBits(x, t));
  }
  for (int i = 0; i < randomCount; ++i) {
    uint64_t x = rng();
    if (i % 2 == 1) {
      x >>= rng() % 64; // small magnitudes too
      x = rng() % 2 ? x : uint64_t{0} - x;
    }
    v.push_back(wrapBits(x, t));
  }
  return v;
}

std::vector<uint64_t> intInputs(std::mt19937_64& rng) {
  std::vector<uint64_t> v = {0,
                             1,
                             ~uint64_t{0},
                             2,
                             uint64_t{0} - 2,
                             127,
                             128,
                             uint64_t{0} - 128,
                             uint64_t{0} - 129,
                             255,
                             256,
                             0x7fffffff,
                             0x80000000,
                             uint64_t{0} - 0x80000000,
                             0xffffffff,
                             0x100000000,
                             0x200000000,
                             uint64_t{1} << 62,
                             uint64_t{1} << 63,
                             (uint64_t{1} << 63) - 1};
  for (int i = 0; i < 40; ++i) {
    uint64_t x = rng() >> (rng() % 64);
    v.push_back(rng() % 2 ? x : uint64_t{0} - x);
  }
  return v;
}

std::vector<double> doubleInputs(std::mt19937_64& rng) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> v = {0.0,
                           -0.0,
                           0.5,
                           -0.5,
                           1.5,
                           -1.5,
                           0.999,
                           -0.999,
                           1.0 / 3,
                           -1.0 / 3,
                           127.9,
                           128,
                           -128.5,
                           -129,
                           255.5,
                           256,
                           0x1p31,
                           -0x1p31 - 0.5,
                           0x1p32 + 3,
                           0x1p53 + 2,
                           0x1p63,
                           -0x1p63,
                           0x1p64,
                           0x1p64 + 4096,
                           -0x1p64 - 4096,
                           1e19,
                           -1e19,
                           1e30,
                           -1e30,
                           1e300,
                           -1e300,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::denorm_min(),
                           -0x1p-70,
                           std::numeric_limits<double>::quiet_NaN(),
                           inf,
                           -inf};
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (int i = 0; i < 40; ++i) {
    v.push_back(std::ldexp(unit(rng), static_cast<int>(rng() % 80) - 8));
  }
  return v;
}

const std::vector<ElemType>& intTypes() {
  static const std::vector<ElemType> types = [] {
    std::vector<ElemType> v;
    for (int w : {1, 7, 8, 31, 32, 33, 63, 64}) {
      v.push_back(Int(w));
      v.push_back(UInt(w));
    }
    return v;
  }();
  return types;
}

/// (float) of the value of an integer pattern, as the C emitter converts (from the carrier).
float intToFloat(uint64_t bits, const ElemType& t) {
  return t.isSigned() ? static_cast<float>(static_cast<int64_t>(bits)) : static_cast<float>(bits);
}

/// An exact value raw * 2^-frac converted to bit-pattern type `to`: floor to to.frac
/// fraction bits, then wrap (AP_TRN, AP_WRAP).
uint64_t exactTo(i128 raw, int frac, const ElemType& to) {
  int shift = to.frac - frac;
  u128 bits = shift >= 0 ? static_cast<u128>(raw) << shift : static_cast<u128>(raw >> -shift);
  return wrapBits(static_cast<uint64_t>(bits), to);
}

/// The value of a fixed-point pattern truncated toward zero.
uint64_t truncToInt(uint64_t bits, const ElemType& t) {
  return static_cast<uint64_t>(value(bits, t) / (static_cast<i128>(1) << t.frac));
}

/// Fixed -> fixed as polyallo's C emitter casts (emitCCast): shift the raw, then wrap.
uint64_t castFixed(uint64_t bits, const ElemType& from, const ElemType& to) {
  int shift = to.frac - from.frac;
  if (shift > 0) {
    bits = shift < 64 ? bits << shift : 0;
  } else if (shift < 0) {
    int n = -shift;
    if (from.isSigned()) {
      bool neg = static_cast<int64_t>(bits) < 0;
      bits = n < 64 ? static_cast<uint64_t>(static_cast<int64_t>(bits) >> n)
                    : (neg ? ~uint64_t{0} : 0);
    } else {
      bits = n < 64 ? bits >> n : 0;
    }
  }
  return wrapBits(bits, to);
}

uint64_t zext(uint64_t bits, int width) { return wrapBits(bits, UInt(width)); }

#define SKIP_WITHOUT_COMPILER()                                                                    \
  if (!haveCompiler()) {                                                                           \
    GTEST_SKIP() << kCompiler << " not found";                                                     \
  }

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

TEST(CsimHeaders, StreamIsAFifo) {
  SKIP_WITHOUT_COMPILER();
  RunResult r = compileAndRun("stream", R"(
int main() {
  hls::stream<ap_int<12>> s("s");
  hls::stream<int> t;
  out(s.empty()); out(s.full()); out(s.size());
  for (int i = 0; i < 100; ++i) {
    if (i % 2 == 0) s.write(ap_int<12>(i * 100)); else s << ap_int<12>(i * 100);
    t.write(i);
  }
  out(s.empty()); out(s.size());
  for (int i = 0; i < 100; ++i) {
    ap_int<12> v;
    if (i % 3 == 0) v = s.read(); else if (i % 3 == 1) s >> v; else s.read(v);
    out(v.to_uint64());
    out((ull)t.read());
  }
  out(s.empty());
  ap_int<12> v = 7;
  out(s.read_nb(v)); out(v.to_uint64());
  s.write(5);
  out(s.read_nb(v)); out(v.to_uint64());
  out(s.read().to_uint64()); // empty: a message and T()
  return 0;
}
)");
  Expected e;
  e.add(1, "empty");
  e.add(0, "full");
  e.add(0, "size");
  e.add(0, "empty after writes");
  e.add(100, "size after writes");
  for (int i = 0; i < 100; ++i) {
    e.add(wrapBits(static_cast<uint64_t>(i * 100), Int(12)), fmt::format("s read {}", i));
    e.add(static_cast<uint64_t>(i), fmt::format("t read {}", i));
  }
  e.add(1, "empty after reads");
  e.add(0, "read_nb on empty");
  e.add(7, "read_nb leaves v");
  e.add(1, "read_nb");
  e.add(5, "read_nb value");
  e.add(0, "read of empty gives T()");
  e.check(r);
  EXPECT_NE(r.err.find("'s'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty"), std::string::npos) << r.err;
}

TEST(CsimHeaders, MathIsTheCLibrary) {
  SKIP_WITHOUT_COMPILER();
  std::mt19937_64 rng(8);
  std::vector<float> xs = {0.0f,
                           -0.0f,
                           1.0f,
                           -1.0f,
                           0.5f,
                           2.0f,
                           1e-30f,
                           88.7f,
                           -103.0f,
                           1e30f,
                           std::numeric_limits<float>::infinity(),
                           std::numeric_limits<float>::quiet_NaN()};
  std::uniform_real_distribution<float> unit(-1.0f, 1.0f);
  for (int i = 0; i < 200; ++i) {
    xs.push_back(std::ldexp(unit(rng), static_cast<int>(rng() % 20) - 6));
  }
  std::vector<uint64_t> bits;
  for (float x : xs) {
    uint32_t b = 0;
    std::memcpy(&b, &x, 4);
    bits.push_back(b);
  }
  std::string body = array("kX", bits) + fmt::format("static const int kN = {};\n", xs.size()) +
                     R"(
int main() {
  for (int i = 0; i < kN; ++i) {
    unsigned b = (unsigned)kX[i];
    float x;
    std::memcpy(&x, &b, 4);
    double d = x * 1.25;
    outf(hls::exp(x)); outf(hls::log(x)); outf(hls::log2(x)); outf(hls::log10(x));
    outf(hls::sqrt(x)); outf(hls::sin(x)); outf(hls::cos(x)); outf(hls::tan(x));
    outf(hls::tanh(x)); outf(hls::fabs(x)); outf(hls::abs(x)); outf(hls::floor(x));
    outf(hls::ceil(x)); outf(hls::pow(x, 0.75f)); outf(hls::expf(x));
    outd(hls::exp(d)); outd(hls::log(d)); outd(hls::sqrt(d)); outd(hls::sin(d));
    outd(hls::tanh(d)); outd(hls::pow(d, 1.5)); outd(hls::floor(d));
  }
  return 0;
}
)";
  Expected e;
  for (float x : xs) {
    std::string at = fmt::format("x = {}", x);
    double d = x * 1.25;
    e.addFloat(expf(x), at + " exp");
    e.addFloat(logf(x), at + " log");
    e.addFloat(log2f(x), at + " log2");
    e.addFloat(log10f(x), at + " log10");
    e.addFloat(sqrtf(x), at + " sqrt");
    e.addFloat(sinf(x), at + " sin");
    e.addFloat(cosf(x), at + " cos");
    e.addFloat(tanf(x), at + " tan");
    e.addFloat(tanhf(x), at + " tanh");
    e.addFloat(fabsf(x), at + " fabs");
    e.addFloat(fabsf(x), at + " abs");
    e.addFloat(floorf(x), at + " floor");
    e.addFloat(ceilf(x), at + " ceil");
    e.addFloat(powf(x, 0.75f), at + " pow");
    e.addFloat(expf(x), at + " expf");
    e.addDouble(std::exp(d), at + " exp(double)");
    e.addDouble(std::log(d), at + " log(double)");
    e.addDouble(std::sqrt(d), at + " sqrt(double)");
    e.addDouble(std::sin(d), at + " sin(double)");
    e.addDouble(std::tanh(d), at + " tanh(double)");
    e.addDouble(std::pow(d, 1.5), at + " pow(double)");
    e.addDouble(std::floor(d), at + " floor(double)");
  }
  e.check(compileAndRun("math", body));
}

} // namespace
} // namespace polyallo
