// Shared by the csim header tests (CsimIntTest, CsimFixedTest, CsimStreamMathTest):
// small C++ programs include polyallo's csim headers (codegen/csim/, embedded by
// codegen/CsimHeaders.h; copied from csimHeaders() into a temporary directory), are built
// with g++ -std=c++17 -Wall -Wextra -Werror -ffp-contract=off -O1 and run; what they print
// is compared with the reference conversions of codegen/CTypes.h (wrapBits, floatToBits,
// bitsToDouble) and exact 128-bit arithmetic computed here.
#pragma once

#include "codegen/CTypes.h"
#include "codegen/CsimHeaders.h"
#include "core/Types.h"
#include <gtest/gtest.h>

#include "codegen/HlsExpr.h"
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
#include <unistd.h>
#include <vector>

namespace polyallo::csim_testing {

using codegen::hlsType;

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

inline constexpr const char* kCompiler = "g++";

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void writeFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

inline bool haveCompiler() {
  static const bool have =
      std::system(fmt::format("{} --version > /dev/null 2>&1", kCompiler).c_str()) == 0;
  return have;
}

/// A fresh directory holding the embedded headers.
inline std::filesystem::path headerDir(const std::string& tag) {
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

inline constexpr const char* kFlags = "-std=c++17 -Wall -Wextra -Werror -ffp-contract=off -O1";

/// Compiles `source` against the headers; "" on success, else the compiler's output.
inline std::string compile(const std::filesystem::path& dir, const std::string& source,
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
inline RunResult compileAndRun(const std::string& tag, const std::string& body) {
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

inline std::vector<uint64_t> parseHex(const std::string& text) {
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

inline std::string array(const std::string& name, const std::vector<uint64_t>& v) {
  std::string s = fmt::format("static const volatile ull {}[] = {{", name);
  for (uint64_t x : v) {
    s += fmt::format("0x{:x}ULL, ", x);
  }
  return s + "0};\n"; // never empty
}

inline uint64_t doubleBits(double d) {
  uint64_t b = 0;
  std::memcpy(&b, &d, 8);
  return b;
}

/// The value of a normalized pattern of an integer or fixed type (the raw for fixed).
inline i128 value(uint64_t bits, const ElemType& t) {
  return t.isSigned() ? static_cast<i128>(static_cast<int64_t>(bits)) : static_cast<i128>(bits);
}

/// Bit patterns of `t`: the edge values, then `randomCount` random ones.
inline std::vector<uint64_t> operands(const ElemType& t, int randomCount, std::mt19937_64& rng) {
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

inline std::vector<uint64_t> intInputs(std::mt19937_64& rng) {
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

inline std::vector<double> doubleInputs(std::mt19937_64& rng) {
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

inline const std::vector<ElemType>& intTypes() {
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
inline float intToFloat(uint64_t bits, const ElemType& t) {
  return t.isSigned() ? static_cast<float>(static_cast<int64_t>(bits)) : static_cast<float>(bits);
}

/// An exact value raw * 2^-frac converted to bit-pattern type `to`: floor to to.frac
/// fraction bits, then wrap (AP_TRN, AP_WRAP).
inline uint64_t exactTo(i128 raw, int frac, const ElemType& to) {
  int shift = to.frac - frac;
  u128 bits = shift >= 0 ? static_cast<u128>(raw) << shift : static_cast<u128>(raw >> -shift);
  return wrapBits(static_cast<uint64_t>(bits), to);
}

/// The value of a fixed-point pattern truncated toward zero.
inline uint64_t truncToInt(uint64_t bits, const ElemType& t) {
  return static_cast<uint64_t>(value(bits, t) / (static_cast<i128>(1) << t.frac));
}

/// Fixed -> fixed as polyallo's C emitter casts (emitCCast): shift the raw, then wrap.
inline uint64_t castFixed(uint64_t bits, const ElemType& from, const ElemType& to) {
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

inline uint64_t zext(uint64_t bits, int width) { return wrapBits(bits, UInt(width)); }

#define SKIP_WITHOUT_COMPILER()                                                                    \
  if (!haveCompiler()) {                                                                           \
    GTEST_SKIP() << kCompiler << " not found";                                                     \
  }

} // namespace polyallo::csim_testing
