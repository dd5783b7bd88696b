// The HLS path against the CPU path, bit for bit, on the corner cases of
// polyallo's types: the same kernel is simulated on the CPU (CExpr.cpp's C,
// UBSan on) and emitted as a Vitis HLS project (HlsExpr.cpp's expressions and
// hlsPrelude() on our csim headers, g++ -Wall -Wextra -Werror), run on the
// same inputs, and every array must come back with the same bits.
//
// Each kernel groups hundreds of operations (class Kernel) so that a test
// costs one C compile and one HLS compile. Inputs are random plus explicit
// edge values: every pair of edge bit patterns (0, 1, -1, MIN, MAX, ...) for
// the binary operators (so division by zero and MIN / -1), shift amounts
// -6..73, and NaN, infinities, -0.0, huge and denormal values for floats.
// The builder API has no bit access or bit slices: they are not covered here.
#include "common/HlsTesting.h"
#include "common/SimTesting.h"
#include "core/Module.h"
#include "polyhedral/Model.h"
#include "polyhedral/Schedule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace polyallo::core {
/// How gtest prints the element types of test parameters.
static void PrintTo(const ElemType& t, std::ostream* os) { *os << t.str(); }
} // namespace polyallo::core

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

class Kernel;

/// An input array of a Kernel: `X(i)` reads it in whichever function is
/// being built.
class In {
public:
  In(const Kernel* k, size_t index) : k_(k), index_(index) {}
  Expr operator()(Expr i) const;
  size_t index() const { return index_; }

private:
  const Kernel* k_;
  size_t index_;
};

/// A kernel `f` under construction: input arrays of n elements, and outputs
/// op(i) for every i. The outputs of one type are the columns of one result
/// array R_type[n][count] (the HLS testbench's code grows with the number of
/// arrays). They are computed in sub-functions of a few dozen statements each
/// (the dependence analysis of hundreds of statements in one function exceeds
/// isl's budget), which `f` calls in turn.
///
/// The HLS testbench passes fixed-point arrays through .npy files as float64,
/// exact up to 53 significant bits: inputs wider than that are rounded to 53
/// significant bits (on both paths), and outputs wider than that are compared
/// through exact projections (the integer part, and two 32-bit windows of the
/// raw's low bits).
class Kernel {
public:
  explicit Kernel(int64_t n) : n_(n), f_(m_.function("f")) {}

  /// An input array, its buffer filled with random values.
  In input(const std::string& name, ElemType t) {
    top_.push_back(f_.arg(name, t, {n_}));
    buffers_.emplace_back(t, std::vector<int64_t>{n_});
    buffers_.back().fillRandom(seed_++);
    return In(this, top_.size() - 1);
  }
  /// The buffer of input `x` (to set edge values).
  Buffer& buffer(const In& x) { return buffers_.at(x.index()); }

  /// An output `name` = op(i), of op's type or of `t` (op's value cast on assignment).
  void output(const std::string& name, Op op, std::optional<ElemType> t = {}) {
    outputs_.push_back({name, std::move(op), t});
  }

  /// Runs the kernel on both paths and compares every output bit for bit.
  void check() {
    const size_t inputs = top_.size();
    for (size_t j = 0; j < inputs; ++j) {
      Buffer& b = buffers_[j];
      if (b.type().isFixed() && b.type().width > 53) {
        for (size_t e = 0; e < b.size(); ++e) {
          b.setDouble(e, b.getDouble(e)); // the nearest double, floored back: exact in float64
        }
      }
    }
    current_ = &top_;
    std::vector<Output> outs;
    for (const Output& o : outputs_) {
      ElemType type = o.type ? *o.type : o.op(constant(0, Index())).type();
      if (!type.isFixed() || type.width <= 53) {
        outs.push_back({o.name, o.op, type});
        continue;
      }
      // Projections, each exact in float64: raw >> f, raw bits f-32..f-1, raw bits f-64..f-33.
      Op v = [op = o.op, type](Expr i) { return castIfNeeded(type, op(i)); };
      outs.push_back({o.name + "_hi", [=](Expr i) { return cast(Int(64), v(i)); }, Int(64)});
      outs.push_back(
          {o.name + "_lo1", [=](Expr i) { return cast(UFixed(32, 32), v(i)); }, UFixed(32, 32)});
      outs.push_back({o.name + "_lo2", [=](Expr i) { return cast(UFixed(32, 32), v(i) << 32); },
                      UFixed(32, 32)});
    }
    // Output k is column slot[k] of result array group[k]; reads[k] are the inputs it reads.
    std::vector<size_t> group(outs.size()), slot(outs.size());
    std::vector<std::set<size_t>> reads(outs.size());
    std::vector<ElemType> types;
    std::vector<int64_t> columns;
    for (size_t k = 0; k < outs.size(); ++k) {
      auto it = std::find(types.begin(), types.end(), *outs[k].type);
      group[k] = static_cast<size_t>(it - types.begin());
      if (it == types.end()) {
        types.push_back(*outs[k].type);
        columns.push_back(0);
      }
      slot[k] = static_cast<size_t>(columns[group[k]]++);
      used_ = &reads[k];
      outs[k].op(constant(0, Index()));
      used_ = nullptr;
    }
    std::vector<Array> results;
    for (size_t r = 0; r < types.size(); ++r) {
      results.push_back(f_.result("R_" + tname(types[r]), types[r], {n_, columns[r]}));
      buffers_.emplace_back(types[r], std::vector<int64_t>{n_, columns[r]});
    }
    const size_t chunk = 24;
    for (size_t begin = 0; begin < outs.size(); begin += chunk) {
      size_t end = std::min(outs.size(), begin + chunk);
      Function& g = m_.function("g" + std::to_string(begin / chunk));
      // Only the arrays the chunk uses are parameters (an unused parameter
      // of an emitted HLS function fails -Wunused-parameter).
      std::set<size_t> usedInputs, usedResults;
      for (size_t k = begin; k < end; ++k) {
        usedInputs.insert(reads[k].begin(), reads[k].end());
        usedResults.insert(group[k]);
      }
      std::vector<Array> in(inputs), out(results.size()), args;
      for (size_t j : usedInputs) {
        in[j] = g.arg(top_[j].name(), top_[j].decl()->type, {n_});
        args.push_back(top_[j]);
      }
      for (size_t r : usedResults) {
        out[r] = g.arg(results[r].name(), types[r], {n_, columns[r]});
        args.push_back(results[r]);
      }
      current_ = &in;
      g.for_("i", 0, n_, [&](Expr i) {
        for (size_t k = begin; k < end; ++k) {
          out[group[k]](i, static_cast<int64_t>(slot[k])) = outs[k].op(i);
        }
      });
      f_.call(g, args);
    }
    current_ = &top_;

    poly::ModuleModel model = poly::extract(m_);
    std::vector<Buffer> cpu = testing::runOn(model, f_, {}, buffers_);
    std::vector<Buffer> hls = testing::runHlsCsim(poly::Schedule(model, "f"), "f", buffers_);
    ASSERT_EQ(hls.size(), cpu.size());
    for (size_t j = 0; j < inputs; ++j) {
      EXPECT_TRUE(cpu[j] == hls[j]) << "input " << top_[j].name() << " changed";
    }
    for (size_t k = 0; k < outs.size(); ++k) {
      const Buffer& c = cpu[inputs + group[k]];
      const Buffer& h = hls[inputs + group[k]];
      std::ostringstream os;
      int wrong = 0;
      for (size_t e = 0; e < static_cast<size_t>(n_); ++e) {
        size_t flat = e * static_cast<size_t>(columns[group[k]]) + slot[k];
        if (c.getBits(flat) == h.getBits(flat) || ++wrong > 4) {
          continue;
        }
        os << "\n  [" << e << "] cpu " << bits(c, flat) << " hls " << bits(h, flat);
        for (size_t j : reads[k]) {
          os << " " << top_[j].name() << "=" << bits(buffers_[j], e);
        }
      }
      EXPECT_EQ(wrong, 0) << "output " << outs[k].name << " (" << outs[k].type->str()
                          << ") differs at " << wrong << " of " << n_ << " elements:" << os.str();
    }
  }

private:
  friend class In;
  Expr read(size_t index, Expr i) const {
    if (used_ != nullptr) {
      used_->insert(index);
    }
    return current_->at(index)(i);
  }

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
  std::vector<Array> top_;                    // the inputs, arrays of f
  const std::vector<Array>* current_ = &top_; // the inputs of the function being built
  std::set<size_t>* used_ = nullptr;          // records the inputs read, when set
  std::vector<Buffer> buffers_;               // inputs, then results
  std::vector<Output> outputs_;
};

Expr In::operator()(Expr i) const { return k_->read(index_, std::move(i)); }

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
const std::vector<double> kFloatPairs = {0.0,  -0.0,  1.0,  -1.0, 0.5, -2.5,   2.5, kNan,
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

const std::vector<ElemType> kIntTypes = {Int(1),  UInt(1),  Int(7),  UInt(7),  Int(8),  UInt(8),
                                         Int(9),  UInt(9),  Int(31), UInt(31), Int(32), UInt(32),
                                         Int(33), UInt(33), Int(63), UInt(63), Int(64), UInt(64)};

const std::vector<ElemType> kFixedTypes = {
    Fixed(8, 4),    UFixed(8, 4),  Fixed(8, 0),   UFixed(8, 0),  Fixed(7, 7),
    UFixed(9, 5),   Fixed(16, 8),  Fixed(33, 20), UFixed(33, 1), Fixed(64, 32),
    UFixed(64, 60), Fixed(64, 64), Fixed(64, 0)};

/// Every operator on operands of type `t` (arrays X, Y of type t, S shift
/// amounts), at the operator's own result type and wrapped back to t.
void addOperators(Kernel& k, const ElemType& t, In X, In Y, In S) {
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
  auto wrapped = [&](const std::string& op, Op fn) { k.output(op + "w_" + n, std::move(fn), t); };
  wrapped("add", [=](Expr i) { return X(i) + Y(i); });
  wrapped("sub", [=](Expr i) { return X(i) - Y(i); });
  wrapped("mul", [=](Expr i) { return X(i) * Y(i); });
  wrapped("div", [=](Expr i) { return X(i) / Y(i); });
  wrapped("floordiv", [=](Expr i) { return floordiv(X(i), Y(i)); });
  wrapped("neg", [=](Expr i) { return -X(i); });
  wrapped("abs", [=](Expr i) { return abs(X(i)); });
}

/// Integer operators on every width class, in three kernels.
class HlsSemanticsIntOperators : public ::testing::TestWithParam<std::vector<ElemType>> {};

TEST_P(HlsSemanticsIntOperators, MatchTheCpuBitForBit) {
  Kernel k(128);
  In S = k.input("S", Int(8));
  setShiftAmounts(k.buffer(S));
  std::vector<In> xs;
  for (const ElemType& t : GetParam()) {
    In X = k.input("X_" + tname(t), t);
    In Y = k.input("Y_" + tname(t), t);
    setEdgePairs(k.buffer(X), k.buffer(Y));
    addOperators(k, t, X, Y, S);
    xs.push_back(X);
  }
  // Mixed operands: signed with unsigned, narrow with wide.
  for (size_t a = 0; a + 1 < xs.size(); ++a) {
    In X = xs[a], Z = xs[a + 1];
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

INSTANTIATE_TEST_SUITE_P(
    Widths, HlsSemanticsIntOperators,
    ::testing::Values(std::vector<ElemType>(kIntTypes.begin(), kIntTypes.begin() + 6),
                      std::vector<ElemType>(kIntTypes.begin() + 6, kIntTypes.begin() + 12),
                      std::vector<ElemType>(kIntTypes.begin() + 12, kIntTypes.end())),
    [](const ::testing::TestParamInfo<std::vector<ElemType>>& info) {
      return tname(info.param.front()) + "_to_" + tname(info.param.back());
    });

TEST(HlsSemantics, IntegerCastsBetweenAllWidthsAndToFloat) {
  Kernel k(64);
  std::vector<In> xs;
  for (const ElemType& t : kIntTypes) {
    In X = k.input("X_" + tname(t), t);
    std::vector<uint64_t> e = edgeBits(t);
    for (size_t j = 0; j < e.size(); ++j) {
      k.buffer(X).setBits(j, e[j]);
    }
    xs.push_back(X);
  }
  for (size_t a = 0; a < kIntTypes.size(); ++a) {
    In X = xs[a];
    std::string n = tname(kIntTypes[a]);
    for (const ElemType& u : kIntTypes) {
      if (u != kIntTypes[a]) {
        k.output("c_" + n + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
      }
    }
    k.output("c_" + n + "_index", [=](Expr i) { return cast(Int(64), cast(Index(), X(i))); });
    k.output("c_" + n + "_float32", [=](Expr i) { return cast(Float32(), X(i)); });
    k.output("c_" + n + "_float64", [=](Expr i) { return cast(Float64(), X(i)); });
    k.output("c_" + n + "_truth", [=](Expr i) { return truth(X(i)); });
  }
  k.check();
}

TEST(HlsSemantics, FixedPointOperators) {
  Kernel k(128);
  In S = k.input("S", Int(8));
  setShiftAmounts(k.buffer(S));
  std::vector<In> xs;
  for (const ElemType& t : kFixedTypes) {
    In X = k.input("X_" + tname(t), t);
    In Y = k.input("Y_" + tname(t), t);
    setEdgePairs(k.buffer(X), k.buffer(Y));
    xs.push_back(X);
    addOperators(k, t, X, Y, S);
  }
  // Mixed operands: different fraction bits, signed with unsigned, fixed with int.
  In I8 = k.input("I8", Int(8));
  for (size_t a = 0; a + 1 < xs.size(); ++a) {
    In X = xs[a], Z = xs[a + 1];
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
  std::vector<In> fx, in;
  for (const ElemType& t : kFixedTypes) {
    In X = k.input("X_" + tname(t), t);
    std::vector<uint64_t> e = edgeBits(t);
    for (size_t j = 0; j < e.size(); ++j) {
      k.buffer(X).setBits(j, e[j]);
    }
    fx.push_back(X);
  }
  const std::vector<ElemType> ints = {Int(1), UInt(1), Int(8), UInt(8), Int(33), Int(64), UInt(64)};
  for (const ElemType& t : ints) {
    In X = k.input("I_" + tname(t), t);
    std::vector<uint64_t> e = edgeBits(t);
    for (size_t j = 0; j < e.size(); ++j) {
      k.buffer(X).setBits(j, e[j]);
    }
    in.push_back(X);
  }
  for (size_t a = 0; a < kFixedTypes.size(); ++a) {
    In X = fx[a];
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
    k.output("c_" + n + "_truth", [=](Expr i) { return truth(X(i)); });
  }
  for (size_t a = 0; a < ints.size(); ++a) {
    In X = in[a];
    std::string n = tname(ints[a]);
    for (const ElemType& u : kFixedTypes) {
      k.output("c_" + n + "_" + tname(u), [=](Expr i) { return cast(u, X(i)); });
    }
  }
  k.check();
}

/// Float operators and math builtins on float32 and float64.
TEST(HlsSemantics, FloatOperatorsAndMathBuiltins) {
  const int64_t n =
      static_cast<int64_t>(kFloatPairs.size() * kFloatPairs.size() + kFloatSingles.size() + 24);
  Kernel k(n);
  std::vector<In> xs;
  for (const ElemType& t : {Float32(), Float64()}) {
    In X = k.input("X_" + tname(t), t);
    In Y = k.input("Y_" + tname(t), t);
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
  In X32 = xs[0], X64 = xs[1];
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
  const int64_t n =
      static_cast<int64_t>(kFloatPairs.size() * kFloatPairs.size() + kFloatSingles.size() + 24);
  Kernel k(n);
  for (const ElemType& t : {Float32(), Float64()}) {
    In X = k.input("X_" + tname(t), t);
    In Y = k.input("Y_" + tname(t), t);
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
  In S = k.input("S", Int(8));
  setShiftAmounts(k.buffer(S));
  In X = k.input("X", Int(64));
  In Y = k.input("Y", Int(64));
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
