// The HLS path against the CPU path, bit for bit, on the corner cases of
// polyallo's types: the same kernel is simulated on the CPU (CExpr.cpp's C,
// UBSan on) and emitted as a Vitis HLS project (HlsExpr.cpp's expressions and
// hlsPrelude() on our csim headers, g++ -Wall -Wextra -Werror), run on the
// same inputs, and every array must come back with the same bits.
//
// Each kernel groups many operations (one output array each, all in one
// loop) so that a test costs one C compile and one HLS compile. Inputs are
// random plus explicit edge values: every pair of edge bit patterns (0, 1,
// -1, MIN, MAX, ...) for the binary operators, shift amounts -6..73, and
// NaN, infinities, -0.0, huge and denormal values for floats.
#include "common/HlsTesting.h"
#include "common/SimTesting.h"
#include "core/Module.h"
#include "polyhedral/Model.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace polyallo {
namespace {

using namespace polyallo::core;
using codegen::Buffer;
using Op = std::function<Expr(Expr)>;

/// A C-identifier spelling of `t`: int8, uint1, fixed_8_4, float32.
std::string tname(const ElemType& t) {
  std::string out;
  for (char c : t.str()) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
    } else if (c == ',' || c == '(') {
      out += '_';
    }
  }
  return out;
}

/// A kernel `f` under construction: input arrays of n elements, and outputs
/// R[i] = op(i) computed in one loop over i.
class Kernel {
public:
  explicit Kernel(int64_t n) : n_(n), f_(m_.function("f")) {}

  /// An input array, its buffer filled with random values.
  Array input(const std::string& name, ElemType t) {
    Array a = f_.arg(name, t, {n_});
    buffers_.emplace_back(t, std::vector<int64_t>{n_});
    buffers_.back().fillRandom(seed_++);
    inputs_.push_back(a);
    return a;
  }
  /// The buffer of input `a` (to set edge values).
  Buffer& buffer(const Array& a) {
    for (size_t k = 0; k < inputs_.size(); ++k) {
      if (inputs_[k].decl() == a.decl()) {
        return buffers_[k];
      }
    }
    throw std::logic_error("not an input: " + a.name());
  }
  int64_t size() const { return n_; }

  /// An output `name` = op(i), of op's type or of `t` (op's value cast on assignment).
  void output(const std::string& name, Op op, std::optional<ElemType> t = {}) {
    outputs_.push_back({name, std::move(op), t});
  }

  /// Runs the kernel on both paths and compares every array bit for bit.
  void check() {
    std::vector<Array> results;
    for (const auto& o : outputs_) {
      ElemType type = o.type ? *o.type : o.op(constant(0, Index())).type();
      results.push_back(f_.result(o.name, type, {n_}));
      buffers_.emplace_back(type, std::vector<int64_t>{n_});
    }
    f_.for_("i", 0, n_, [&](Expr i) {
      for (size_t k = 0; k < outputs_.size(); ++k) {
        results[k](i) = outputs_[k].op(i);
      }
    });
    poly::ModuleModel model = poly::extract(m_);
    std::vector<Buffer> cpu = testing::runOn(model, f_, {}, buffers_);
    std::vector<Buffer> hls = testing::runHlsCsim(poly::Schedule(model, "f"), "f", buffers_);
    ASSERT_EQ(hls.size(), cpu.size());
    auto params = f_.params();
    for (size_t k = 0; k < cpu.size(); ++k) {
      if (cpu[k] == hls[k]) {
        continue;
      }
      std::ostringstream os;
      int shown = 0;
      for (size_t e = 0; e < cpu[k].size() && shown < 6; ++e) {
        if (cpu[k].getBits(e) == hls[k].getBits(e)) {
          continue;
        }
        ++shown;
        os << "\n  [" << e << "] cpu " << bits(cpu[k], e) << " hls " << bits(hls[k], e)
           << " inputs";
        for (size_t j = 0; j < inputs_.size(); ++j) {
          os << " " << inputs_[j].name() << "=" << bits(buffers_[j], e);
        }
      }
      ADD_FAILURE() << "array " << params[k]->name << " (" << cpu[k].typeStr()
                    << ") differs:" << os.str();
    }
  }

private:
  static std::string bits(const Buffer& b, size_t e) {
    std::ostringstream os;
    os << "0x" << std::hex << b.getBits(e) << std::dec << " (" << b.getDouble(e) << ")";
    return os.str();
  }

  struct Output {
    std::string name;
    Op op;
    std::optional<ElemType> type;
  };
  int64_t n_;
  Module m_{"hls_semantics"};
  Function& f_;
  uint64_t seed_ = 101;
  std::vector<Array> inputs_;
  std::vector<Buffer> buffers_; // inputs, then outputs
  std::vector<Output> outputs_;
};

/// Edge bit patterns of a bits type (wrapped to its width by setBits): 0, 1,
/// 2, -1 (all ones), MIN (the high bit), MAX, MIN + 1, -2, 7, -7.
std::vector<uint64_t> edgeBits(const ElemType& t) {
  uint64_t high = uint64_t{1} << (t.width - 1);
  uint64_t ones = ~uint64_t{0};
  return {0, 1, 2, ones, high, high - 1, high + 1, ones - 1, 7, ones - 6};
}

/// Every pair of edge patterns: x[k] = E[k % |E|], y[k] = E[k / |E|] (the
/// rest stays random).
void setEdgePairs(Buffer& x, Buffer& y) {
  std::vector<uint64_t> e = edgeBits(x.type());
  std::vector<uint64_t> f = edgeBits(y.type());
  for (size_t k = 0; k < e.size() * f.size() && k < x.size(); ++k) {
    x.setBits(k, e[k % e.size()]);
    y.setBits(k, f[k / e.size()]);
  }
}

/// Shift amounts -6 .. 73, repeated.
void setShiftAmounts(Buffer& s) {
  for (size_t k = 0; k < s.size(); ++k) {
    s.setDouble(k, static_cast<double>(k % 80) - 6);
  }
}

const double kNan = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

/// Float edge values, paired like the integer ones.
const std::vector<double> kFloatPairs = {0.0, -0.0, 1.0, -1.0, 0.5,   -2.5, 2.5,    kNan,
                                         kInf, -kInf, 1e20, -3e9, 3e9, 1e-310, 7.0, 1e300};
/// More float edge values for the unary operations and conversions.
const std::vector<double> kFloatSingles = {-0.5,
                                          1.9999,
                                          255.9,
                                          -128.5,
                                          65535.7,
                                          4294967296.5,
                                          9223372036854775807.0,
                                          -9223372036854775808.0,
                                          18446744073709551616.0,
                                          -18446744073709551616.0,
                                          3.4e38,
                                          -1e-45,
                                          1e-40,
                                          100.25,
                                          -1000.75,
                                          0.1,
                                          -7.9375,
                                          1e-5,
                                          88.7,
                                          -104.0,
                                          710.0,
                                          -2147483648.5,
                                          2147483647.5,
                                          -1e20};

void setFloatEdges(Buffer& x, Buffer& y) {
  const size_t p = kFloatPairs.size();
  for (size_t k = 0; k < p * p; ++k) {
    x.setDouble(k, kFloatPairs[k % p]);
    y.setDouble(k, kFloatPairs[k / p]);
  }
  for (size_t k = 0; k < kFloatSingles.size(); ++k) {
    x.setDouble(p * p + k, kFloatSingles[k]);
    y.setDouble(p * p + k, kFloatSingles[kFloatSingles.size() - 1 - k]);
  }
}

const std::vector<ElemType> kIntTypes = {
    Int(1),  UInt(1),  Int(7),  UInt(7),  Int(8),  UInt(8),  Int(9),  UInt(9),  Int(31),
    UInt(31), Int(32), UInt(32), Int(33), UInt(33), Int(63), UInt(63), Int(64), UInt(64)};

const std::vector<ElemType> kFixedTypes = {
    Fixed(8, 4),  UFixed(8, 4),   Fixed(8, 0),  UFixed(8, 0),  Fixed(7, 7),
    UFixed(9, 5), Fixed(16, 8),   Fixed(33, 20), UFixed(33, 1), Fixed(64, 32),
    UFixed(64, 60), Fixed(64, 64), Fixed(64, 0)};

/// Every operator on operands of type `t` (arrays X, Y of type t, S shift
/// amounts), at the operator's own result type and wrapped back to t.
void addOperators(Kernel& k, const ElemType& t, Array X, Array Y, Array S) {
  std::string n = tname(t);
  auto out = [&](const std::string& op, Op fn, std::optional<ElemType> type = {}) {
    k.output(op + "_" + n, std::move(fn), type);
  };
  out("add", [=](Expr i) { return X(i) + Y(i); });
  out("sub", [=](Expr i) { return X(i) - Y(i); });
  out("mul", [=](Expr i) { return X(i) * Y(i); });
  out("div", [=](Expr i) { return X(i) / Y(i); });
  out("floordiv", [=](Expr i) { return floordiv(X(i), Y(i)); });
  out("mod", [=](Expr i) { return X(i) % Y(i); });
  out("shl", [=](Expr i) { return X(i) << S(i); });
  out("shr", [=](Expr i) { return X(i) >> S(i); });
  if (t.isInt()) { // shift amounts are integers
    out("shly", [=](Expr i) { return X(i) << Y(i); });
    out("shry", [=](Expr i) { return X(i) >> Y(i); });
  }
  out("band", [=](Expr i) { return X(i) & Y(i); });
  out("bor", [=](Expr i) { return X(i) | Y(i); });
  out("bxor", [=](Expr i) { return X(i) ^ Y(i); });
  out("min", [=](Expr i) { return min(X(i), Y(i)); });
  out("max", [=](Expr i) { return max(X(i), Y(i)); });
  out("abs", [=](Expr i) { return abs(X(i)); });
  out("neg", [=](Expr i) { return -X(i); });
  out("not", [=](Expr i) { return !X(i); });
  out("bnot", [=](Expr i) { return ~X(i); });
  out("lt", [=](Expr i) { return X(i) < Y(i); });
  out("le", [=](Expr i) { return X(i) <= Y(i); });
  out("eq", [=](Expr i) { return X(i) == Y(i); });
  out("ne", [=](Expr i) { return X(i) != Y(i); });
  out("gt", [=](Expr i) { return X(i) > Y(i); });
  out("ge", [=](Expr i) { return X(i) >= Y(i); });
  out("land", [=](Expr i) { return X(i) && Y(i); });
  out("lor", [=](Expr i) { return X(i) || Y(i); });
  out("select", [=](Expr i) { return select(X(i) < Y(i), X(i) - Y(i), Y(i)); });
  out("pow", [=](Expr i) { return pow(X(i), Y(i)); });
  out("addk", [=](Expr i) { return X(i) + 3; });
  out("mulk", [=](Expr i) { return X(i) * -5; });
  // Wrapped to t on assignment.
  out("addw", [=](Expr i) { return X(i) + Y(i); }, t);
  out("subw", [=](Expr i) { return X(i) - Y(i); }, t);
  out("mulw", [=](Expr i) { return X(i) * Y(i); }, t);
  out("divw", [=](Expr i) { return X(i) / Y(i); }, t);
  out("floordivw", [=](Expr i) { return floordiv(X(i), Y(i)); }, t);
  out("negw", [=](Expr i) { return -X(i); }, t);
  out("absw", [=](Expr i) { return abs(X(i)); }, t);
}

/// Integer operators on every width class, in three kernels.
class HlsIntOperators : public ::testing::TestWithParam<std::vector<ElemType>> {};

TEST_P(HlsIntOperators, MatchTheCpuBitForBit) {
  Kernel k(128);
  Array S = k.input("S", Int(8));
  setShiftAmounts(k.buffer(S));
  std::vector<Array> xs;
  for (const ElemType& t : GetParam()) {
    Array X = k.input("X_" + tname(t), t);
    Array Y = k.input("Y_" + tname(t), t);
    setEdgePairs(k.buffer(X), k.buffer(Y));
    addOperators(k, t, X, Y, S);
    xs.push_back(X);
  }
  // Mixed operands: signed with unsigned, narrow with wide.
  for (size_t a = 0; a + 1 < xs.size(); ++a) {
    Array X = xs[a], Z = xs[a + 1];
    std::string n = tname(GetParam()[a]) + "_" + tname(GetParam()[a + 1]);
    k.output("madd_" + n, [=](Expr i) { return X(i) + Z(i); });
    k.output("msub_" + n, [=](Expr i) { return X(i) - Z(i); });
    k.output("mmul_" + n, [=](Expr i) { return X(i) * Z(i); });
    k.output("mdiv_" + n, [=](Expr i) { return X(i) / Z(i); });
    k.output("mmod_" + n, [=](Expr i) { return Z(i) % X(i); });
    k.output("mlt_" + n, [=](Expr i) { return X(i) < Z(i); });
    k.output("mmin_" + n, [=](Expr i) { return min(X(i), Z(i)); });
    k.output("mxor_" + n, [=](Expr i) { return X(i) ^ Z(i); });
  }
  k.check();
}

INSTANTIATE_TEST_SUITE_P(Widths, HlsIntOperators,
                         ::testing::Values(std::vector<ElemType>(kIntTypes.begin(),
                                                                 kIntTypes.begin() + 6),
                                           std::vector<ElemType>(kIntTypes.begin() + 6,
                                                                 kIntTypes.begin() + 12),
                                           std::vector<ElemType>(kIntTypes.begin() + 12,
                                                                 kIntTypes.end())));

TEST(HlsSemantics, IntegerCastsBetweenAllWidthsAndToFloat) {
  Kernel k(64);
  std::vector<Array> xs;
  for (const ElemType& t : kIntTypes) {
    Array X = k.input("X_" + tname(t), t);
    std::vector<uint64_t> e = edgeBits(t);
    for (size_t j = 0; j < e.size(); ++j) {
      k.buffer(X).setBits(j, e[j]);
    }
    xs.push_back(X);
  }
  for (size_t a = 0; a < kIntTypes.size(); ++a) {
    Array X = xs[a];
    std::string n = tname(kIntTypes[a]);
    for (const ElemType& u : kIntTypes) {
      if (u != kIntTypes[a]) {
        k.output("c_" + n + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
      }
    }
    k.output("c_" + n + "_index", [=](Expr i) { return cast(Int(64), cast(Index(), X(i))); });
    k.output("c_" + n + "_float32", [=](Expr i) { return cast(Float32(), X(i)); });
    k.output("c_" + n + "_float64", [=](Expr i) { return cast(Float64(), X(i)); });
    k.output("c_" + n + "_bool", [=](Expr i) { return truth(X(i)); });
  }
  k.check();
}

TEST(HlsSemantics, FixedPointOperators) {
  Kernel k(128);
  Array S = k.input("S", Int(8));
  setShiftAmounts(k.buffer(S));
  std::vector<Array> xs;
  for (const ElemType& t : kFixedTypes) {
    Array X = k.input("X_" + tname(t), t);
    Array Y = k.input("Y_" + tname(t), t);
    setEdgePairs(k.buffer(X), k.buffer(Y));
    xs.push_back(X);
    addOperators(k, t, X, Y, S);
  }
  // Mixed operands: different fraction bits, signed with unsigned, fixed with int.
  Array I8 = k.input("I8", Int(8));
  for (size_t a = 0; a + 1 < xs.size(); ++a) {
    Array X = xs[a], Z = xs[a + 1];
    std::string n = tname(kFixedTypes[a]) + "_" + tname(kFixedTypes[a + 1]);
    k.output("madd_" + n, [=](Expr i) { return X(i) + Z(i); });
    k.output("msub_" + n, [=](Expr i) { return Z(i) - X(i); });
    k.output("mmul_" + n, [=](Expr i) { return X(i) * Z(i); });
    k.output("mdiv_" + n, [=](Expr i) { return X(i) / Z(i); });
    k.output("mlt_" + n, [=](Expr i) { return X(i) < Z(i); });
    k.output("mmax_" + n, [=](Expr i) { return max(X(i), Z(i)); });
    k.output("iadd_" + n, [=](Expr i) { return X(i) + I8(i); });
    k.output("imul_" + n, [=](Expr i) { return I8(i) * X(i); });
    k.output("idiv_" + n, [=](Expr i) { return X(i) / I8(i); });
    k.output("ieq_" + n, [=](Expr i) { return X(i) == I8(i); });
  }
  k.check();
}

TEST(HlsSemantics, FixedPointCasts) {
  Kernel k(64);
  std::vector<Array> fx, in;
  for (const ElemType& t : kFixedTypes) {
    Array X = k.input("X_" + tname(t), t);
    std::vector<uint64_t> e = edgeBits(t);
    for (size_t j = 0; j < e.size(); ++j) {
      k.buffer(X).setBits(j, e[j]);
    }
    fx.push_back(X);
  }
  const std::vector<ElemType> ints = {Int(1), UInt(1), Int(8), UInt(8), Int(33), Int(64), UInt(64)};
  for (const ElemType& t : ints) {
    Array X = k.input("I_" + tname(t), t);
    std::vector<uint64_t> e = edgeBits(t);
    for (size_t j = 0; j < e.size(); ++j) {
      k.buffer(X).setBits(j, e[j]);
    }
    in.push_back(X);
  }
  for (size_t a = 0; a < kFixedTypes.size(); ++a) {
    Array X = fx[a];
    std::string n = tname(kFixedTypes[a]);
    for (const ElemType& u : kFixedTypes) {
      if (u != kFixedTypes[a]) {
        k.output("c_" + n + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
      }
    }
    for (const ElemType& u : ints) {
      k.output("c_" + n + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
    }
    k.output("c_" + n + "_index", [=](Expr i) { return cast(Int(64), cast(Index(), X(i))); });
    k.output("c_" + n + "_float32", [=](Expr i) { return cast(Float32(), X(i)); });
    k.output("c_" + n + "_float64", [=](Expr i) { return cast(Float64(), X(i)); });
    k.output("c_" + n + "_bool", [=](Expr i) { return truth(X(i)); });
  }
  for (size_t a = 0; a < ints.size(); ++a) {
    Array X = in[a];
    std::string n = tname(ints[a]);
    for (const ElemType& u : kFixedTypes) {
      k.output("c_" + n + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
    }
  }
  k.check();
}

/// Float operators and math builtins on float32 and float64.
TEST(HlsSemantics, FloatOperatorsAndMathBuiltins) {
  const int64_t n = static_cast<int64_t>(kFloatPairs.size() * kFloatPairs.size() +
                                         kFloatSingles.size() + 24);
  Kernel k(n);
  std::vector<Array> xs;
  for (const ElemType& t : {Float32(), Float64()}) {
    Array X = k.input("X_" + tname(t), t);
    Array Y = k.input("Y_" + tname(t), t);
    setFloatEdges(k.buffer(X), k.buffer(Y));
    xs.push_back(X);
    std::string s = tname(t);
    auto out = [&](const std::string& op, Op fn) { k.output(op + "_" + s, std::move(fn)); };
    out("add", [=](Expr i) { return X(i) + Y(i); });
    out("sub", [=](Expr i) { return X(i) - Y(i); });
    out("mul", [=](Expr i) { return X(i) * Y(i); });
    out("div", [=](Expr i) { return X(i) / Y(i); });
    out("floordiv", [=](Expr i) { return floordiv(X(i), Y(i)); });
    out("mod", [=](Expr i) { return X(i) % Y(i); });
    out("pow", [=](Expr i) { return pow(X(i), Y(i)); });
    out("min", [=](Expr i) { return min(X(i), Y(i)); });
    out("max", [=](Expr i) { return max(X(i), Y(i)); });
    out("neg", [=](Expr i) { return -X(i); });
    out("not", [=](Expr i) { return !X(i); });
    out("lt", [=](Expr i) { return X(i) < Y(i); });
    out("le", [=](Expr i) { return X(i) <= Y(i); });
    out("eq", [=](Expr i) { return X(i) == Y(i); });
    out("ne", [=](Expr i) { return X(i) != Y(i); });
    out("gt", [=](Expr i) { return X(i) > Y(i); });
    out("ge", [=](Expr i) { return X(i) >= Y(i); });
    out("land", [=](Expr i) { return X(i) && Y(i); });
    out("select", [=](Expr i) { return select(X(i) > Y(i), X(i), Y(i) * 2.0); });
    out("exp", [=](Expr i) { return exp(X(i)); });
    out("log", [=](Expr i) { return log(X(i)); });
    out("log2", [=](Expr i) { return log2(X(i)); });
    out("log10", [=](Expr i) { return log10(X(i)); });
    out("sqrt", [=](Expr i) { return sqrt(X(i)); });
    out("sin", [=](Expr i) { return sin(X(i)); });
    out("cos", [=](Expr i) { return cos(X(i)); });
    out("tan", [=](Expr i) { return tan(X(i)); });
    out("tanh", [=](Expr i) { return tanh(X(i)); });
    out("abs", [=](Expr i) { return abs(X(i)); });
    out("floor", [=](Expr i) { return floor(X(i)); });
    out("ceil", [=](Expr i) { return ceil(X(i)); });
    out("powk", [=](Expr i) { return pow(X(i), 2.0); });
    out("maxnan", [=](Expr i) { return max(X(i), constantFloat(kNan, t)); });
    out("addinf", [=](Expr i) { return X(i) + constantFloat(-kInf, t); });
    out("mulk", [=](Expr i) { return X(i) * 0.1; });
  }
  // float32 with float64, and the conversions between them.
  Array X32 = xs[0], X64 = xs[1];
  k.output("madd", [=](Expr i) { return X32(i) + X64(i); });
  k.output("mlt", [=](Expr i) { return X32(i) < X64(i); });
  k.output("c_f32_f64", [=](Expr i) { return cast(Float64(), X32(i)); });
  k.output("c_f64_f32", [=](Expr i) { return cast(Float32(), X64(i)); });
  k.check();
}

/// float32 / float64 -> every integer and fixed-point type: truncation
/// (ints) and floor (fixed, also with 0 fraction bits) modulo 2^64, NaN and
/// infinities give 0.
TEST(HlsSemantics, FloatToIntegerAndFixedConversions) {
  const int64_t n = static_cast<int64_t>(kFloatPairs.size() * kFloatPairs.size() +
                                         kFloatSingles.size() + 24);
  Kernel k(n);
  for (const ElemType& t : {Float32(), Float64()}) {
    Array X = k.input("X_" + tname(t), t);
    Array Y = k.input("Y_" + tname(t), t);
    setFloatEdges(k.buffer(X), k.buffer(Y));
    // Larger random values too: X * 2^k spans many magnitudes.
    for (int64_t e = 0; e < n; e += 3) {
      k.buffer(Y).setDouble(static_cast<size_t>(e),
                            std::ldexp(k.buffer(Y).getDouble(static_cast<size_t>(e)), e % 70));
    }
    std::string s = tname(t);
    for (const ElemType& u : kIntTypes) {
      k.output("c_" + s + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
      k.output("cy_" + s + "_" + tname(u), [=](Expr i) { return cast(u, Y(i)); });
    }
    for (const ElemType& u : kFixedTypes) {
      k.output("c_" + s + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
      k.output("cy_" + s + "_" + tname(u), [=](Expr i) { return cast(u, Y(i)); });
    }
    k.output("c_" + s + "_index", [=](Expr i) { return cast(Int(64), cast(Index(), X(i))); });
  }
  k.check();
}

/// Index arithmetic: the loop iterator and casts to index (64-bit values,
/// MIN / -1, division by zero, shifts), without signed overflow in + - *.
TEST(HlsSemantics, IndexExpressions) {
  Kernel k(128);
  Array S = k.input("S", Int(8));
  setShiftAmounts(k.buffer(S));
  Array X = k.input("X", Int(64));
  Array Y = k.input("Y", Int(64));
  setEdgePairs(k.buffer(X), k.buffer(Y));
  auto ix = [=](Expr i) { return cast(Index(), X(i)); };
  auto iy = [=](Expr i) { return cast(Index(), Y(i)); };
  auto out = [&](const std::string& name, Op fn) { k.output(name, std::move(fn), Int(64)); };
  out("div", [=](Expr i) { return ix(i) / iy(i); });
  out("floordiv", [=](Expr i) { return floordiv(ix(i), iy(i)); });
  out("mod", [=](Expr i) { return ix(i) % iy(i); });
  out("shl", [=](Expr i) { return ix(i) << S(i); });
  out("shr", [=](Expr i) { return ix(i) >> S(i); });
  out("band", [=](Expr i) { return ix(i) & iy(i); });
  out("bor", [=](Expr i) { return ix(i) | iy(i); });
  out("bxor", [=](Expr i) { return ix(i) ^ iy(i); });
  out("bnot", [=](Expr i) { return ~ix(i); });
  out("min", [=](Expr i) { return min(ix(i), iy(i)); });
  out("max", [=](Expr i) { return max(ix(i), iy(i)); });
  out("lt", [=](Expr i) { return ix(i) < iy(i); });
  out("eq", [=](Expr i) { return ix(i) == iy(i); });
  out("select", [=](Expr i) { return select(ix(i) >= iy(i), ix(i), iy(i)); });
  out("it_div", [=](Expr i) { return (i - 50) / 7; });
  out("it_floordiv", [=](Expr i) { return floordiv(i - 50, 7); });
  out("it_mod", [=](Expr i) { return (i - 50) % -7; });
  out("it_arith", [=](Expr i) { return (i - 50) * 3 + 2 - -(i * i); });
  out("it_shl", [=](Expr i) { return (i - 50) << S(i); });
  out("it_shr", [=](Expr i) { return (i - 50) >> S(i); });
  out("it_minmax", [=](Expr i) { return min(max(i, 20), 100); });
  k.output("it_f32", [=](Expr i) { return cast(Float32(), ix(i)); });
  k.output("it_f64", [=](Expr i) { return cast(Float64(), ix(i) / 3); });
  k.output("it_fixed", [=](Expr i) { return cast(Fixed(16, 8), ix(i)); });
  k.output("it_ufixed", [=](Expr i) { return cast(UFixed(64, 60), i - 50); });
  k.output("it_int8", [=](Expr i) { return cast(Int(8), ix(i)); });
  k.output("it_uint9", [=](Expr i) { return cast(UInt(9), i - 50); });
  k.check();
}

} // namespace
} // namespace polyallo
