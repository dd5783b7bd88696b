// The emitted C follows polyallo's exact type semantics (DESIGN.md). Every
// expected value here is worked out by hand in the comment beside it, not
// computed with the library's own helpers.
#include "CodegenTesting.h"

#include <bit>
#include <cmath>
#include <limits>

namespace polyallo {
namespace {

using namespace polyallo::testing;
using core::Expr;
using core::Fixed;
using core::Float32;
using core::Float64;
using core::Int;
using core::UInt;
using V = std::vector<double>;

uint64_t bits(int64_t v) { return static_cast<uint64_t>(v); }

TEST(TypeSemantics, Int8AddWrapsOnAssignment) {
  // int8 + int8 computes in int9 (no overflow), the store to int8 wraps.
  auto r = runBinary(
      Int(8), Int(8), Int(8), [](Expr a, Expr b) { return a + b; }, V{100, 127, -128, -100},
      V{100, 1, -1, 27});
  // 200 - 256 = -56; 128 - 256 = -128; -129 + 256 = 127; -73 fits.
  EXPECT_EQ(r, (V{-56, -128, 127, -73}));
}

TEST(TypeSemantics, Int8MulWrapsInInt8AndIsExactInInt16) {
  auto r8 = runBinary(
      Int(8), Int(8), Int(8), [](Expr a, Expr b) { return a * b; }, V{16, 100, -128, -7},
      V{16, 3, -1, 9});
  // 256 mod 256 = 0; 300 - 256 = 44; 128 - 256 = -128; -63 fits.
  EXPECT_EQ(r8, (V{0, 44, -128, -63}));
  auto r16 = runBinary(
      Int(8), Int(8), Int(16), [](Expr a, Expr b) { return a * b; }, V{100, -128}, V{100, -128});
  EXPECT_EQ(r16, (V{10000, 16384}));
}

TEST(TypeSemantics, UInt8WrapsModulo256) {
  auto add = runBinary(
      UInt(8), UInt(8), UInt(8), [](Expr a, Expr b) { return a + b; }, V{200, 255}, V{100, 1});
  EXPECT_EQ(add, (V{44, 0})); // 300 - 256; 256 - 256
  // uint8 - uint8 is signed (int10): 5 - 10 = -5, stored as uint8: 256 - 5.
  auto sub = runBinary(
      UInt(8), UInt(8), UInt(8), [](Expr a, Expr b) { return a - b; }, V{5, 0}, V{10, 255});
  EXPECT_EQ(sub, (V{251, 1})); // -255 + 256 = 1
}

TEST(TypeSemantics, Int64OverflowWrapsWithoutUndefinedBehaviour) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  const int64_t min = std::numeric_limits<int64_t>::min();
  auto add = runBinaryBits(Int(64), Int(64), Int(64), [](Expr a, Expr b) { return a + b; },
                           {bits(max), bits(min)}, {bits(1), bits(-1)});
  EXPECT_EQ(add, (std::vector<uint64_t>{bits(min), bits(max)}));
  // (2^63 - 1)^2 = 2^126 - 2^64 + 1 == 1 (mod 2^64); MIN * -1 = 2^63 == MIN.
  auto mul = runBinaryBits(Int(64), Int(64), Int(64), [](Expr a, Expr b) { return a * b; },
                           {bits(max), bits(min)}, {bits(max), bits(-1)});
  EXPECT_EQ(mul, (std::vector<uint64_t>{1, bits(min)}));
  // MIN / -1 = 2^63 wraps to MIN (a trap in plain C).
  auto div = runBinaryBits(Int(64), Int(64), Int(64), [](Expr a, Expr b) { return a / b; },
                           {bits(min), bits(min)}, {bits(-1), bits(2)});
  EXPECT_EQ(div, (std::vector<uint64_t>{bits(min), bits(min / 2)}));
}

TEST(TypeSemantics, OddWidthsInt3AndUInt5) {
  // int3 holds -4..3.
  auto add = runBinary(
      Int(3), Int(3), Int(3), [](Expr a, Expr b) { return a + b; }, V{3, -4, 1}, V{1, -1, 1});
  EXPECT_EQ(add, (V{-4, 3, 2})); // 4 - 8; -5 + 8; 2
  auto mul = runBinary(
      Int(3), Int(3), Int(3), [](Expr a, Expr b) { return a * b; }, V{3, -4}, V{3, -4});
  EXPECT_EQ(mul, (V{1, 0})); // 9 - 8; 16 - 16
  // uint5 holds 0..31.
  auto u = runBinary(
      UInt(5), UInt(5), UInt(5), [](Expr a, Expr b) { return a + b * 2; }, V{31, 20}, V{0, 30});
  EXPECT_EQ(u, (V{31, 16})); // 31; 20 + 60 = 80 - 64 = 16
  // The storage is normalized: int3 -4 is stored sign-extended.
  auto raw = runBinaryBits(Int(3), Int(3), Int(3), [](Expr a, Expr b) { return a + b; }, {3}, {1});
  EXPECT_EQ(raw[0], bits(-4));
}

TEST(TypeSemantics, Fixed8_4AddMulTruncateAndWrap) {
  auto f84 = Fixed(8, 4); // -8 .. 7.9375 in steps of 1/16
  auto add = runBinary(
      f84, f84, f84, [](Expr a, Expr b) { return a + b; }, V{3.5, 1.25, -8},
      V{4.75, -0.0625, -0.5});
  // 8.25 -> raw 132 -> 132 - 256 = -124 -> -7.75; 1.1875; -8.5 -> raw -136 + 256 = 120 -> 7.5
  EXPECT_EQ(add, (V{-7.75, 1.1875, 7.5}));
  auto mul = runBinary(
      f84, f84, f84, [](Expr a, Expr b) { return a * b; }, V{1.5, 0.0625, -0.0625, 4},
      V{2.25, 0.5, 0.5, 4});
  // 3.375 exact; 0.03125 floors to 0; -0.03125 floors to -0.0625; 16 -> raw 256 -> 0
  EXPECT_EQ(mul, (V{3.375, 0, -0.0625, 0}));
  // Kept at the product's type fixed(16, 8), nothing is lost.
  auto wide = runBinary(
      f84, f84, Fixed(16, 8), [](Expr a, Expr b) { return a * b; }, V{-0.0625, 7.9375},
      V{0.5, 7.9375});
  EXPECT_EQ(wide, (V{-0.03125, 63.00390625}));
}

TEST(TypeSemantics, FixedDivisionAndCastToInt) {
  auto f84 = Fixed(8, 4);
  auto div = runBinary(
      f84, f84, f84, [](Expr a, Expr b) { return a / b; }, V{1, -1, 3, 1}, V{3, 3, 0, 0.5});
  // (16 << 4) / 48 = 5 -> 0.3125; -256 / 48 = -5 (C truncation) -> -0.3125; / 0 -> 0; 2
  EXPECT_EQ(div, (V{0.3125, -0.3125, 0, 2}));
  // fixed -> int floors (AP_TRN), then wraps.
  auto toInt = runUnary(
      f84, Int(8), [](Expr a) { return core::cast(Int(8), a); }, V{2.5, -2.5, -0.0625, 7.9375});
  EXPECT_EQ(toInt, (V{2, -3, -1, 7}));
  // fixed -> narrower fixed: drop fraction bits by flooring, wrap the integer part.
  auto narrow = runUnary(
      Fixed(16, 8), Fixed(6, 2), [](Expr a) { return a; }, V{1.99609375, -0.00390625, 9.5});
  // 1.99.. -> 1.75; -0.0039 -> -0.25; 9.5 -> raw 38 -> 38 - 64 = -26 -> -6.5
  EXPECT_EQ(narrow, (V{1.75, -0.25, -6.5}));
}

TEST(TypeSemantics, FloatToIntTruncatesAndWrapsOutOfRange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  auto i32 = runUnary(
      Float32(), Int(32), [](Expr a) { return a; }, V{3e9, -2.7, 2.7, nan, -inf});
  // 3e9 - 2^32 = -1294967296; truncation toward zero; NaN and inf give 0
  EXPECT_EQ(i32, (V{-1294967296, -2, 2, 0, 0}));
  auto u8 = runUnary(
      Float64(), UInt(8), [](Expr a) { return a; }, V{300.7, -1.5, 255.9});
  EXPECT_EQ(u8, (V{44, 255, 255})); // 300 - 256; -1 + 256; 255
  // 1e20 = 5 * 2^64 + 7766279631452241920, exactly.
  auto i64 = runBinaryBits(Float64(), Float64(), Int(64), [](Expr a, Expr) { return a; },
                           {std::bit_cast<uint64_t>(1e20)}, {0});
  EXPECT_EQ(i64[0], 7766279631452241920ULL);
}

TEST(TypeSemantics, FloatToFixedFloorsAndWrapsOutOfRange) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto r = runUnary(
      Float32(), Fixed(8, 4), [](Expr a) { return a; }, V{100, -0.03, 1.3, nan, -9});
  // floor(1600) = 1600 - 6 * 256 = 64 -> 4; floor(-0.48) = -1 -> -0.0625;
  // floor(20.8) = 20 -> 1.25; NaN -> 0; -144 + 256 = 112 -> 7
  EXPECT_EQ(r, (V{4, -0.0625, 1.25, 0, 7}));
}

TEST(TypeSemantics, IntegerDivisionByZeroIsZero) {
  auto div = runBinary(
      Int(32), Int(32), Int(32), [](Expr a, Expr b) { return a / b; }, V{7, -7, -7, 0},
      V{0, 2, -2, 0});
  EXPECT_EQ(div, (V{0, -3, 3, 0})); // C truncation
  auto mod = runBinary(
      Int(32), Int(32), Int(32), [](Expr a, Expr b) { return a % b; }, V{7, -7, 7, -7},
      V{0, 2, -2, -1});
  EXPECT_EQ(mod, (V{0, -1, 1, 0})); // C remainder has the dividend's sign
  auto fdiv = runBinary(
      Int(32), Int(32), Int(32), [](Expr a, Expr b) { return core::floordiv(a, b); },
      V{-7, 7, 7, -8}, V{2, -2, 0, 2});
  EXPECT_EQ(fdiv, (V{-4, -4, 0, -4}));
  auto u = runBinary(
      UInt(8), UInt(8), UInt(8), [](Expr a, Expr b) { return a / b; }, V{200, 9}, V{0, 2});
  EXPECT_EQ(u, (V{0, 4}));
}

TEST(TypeSemantics, Float32ArithmeticStaysFloat32) {
  // (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46 rounds to 1 + 2^-22 in float32; minus 1
  // leaves 2^-22 (in double it would be 2^-22 + 2^-46).
  const double e = std::ldexp(1.0, -23);
  auto r = runBinary(
      Float32(), Float32(), Float32(), [](Expr a, Expr b) { return a * b - 1.0; }, V{1 + e},
      V{1 + e});
  EXPECT_EQ(r[0], std::ldexp(1.0, -22));

  // A float32 reduction equals the same reduction done in float, bit for bit.
  const int64_t n = 1000;
  core::Module m("sum");
  core::Function& f = m.function("f");
  core::Array X = f.arg("X", Float32(), {n});
  core::Array S = f.result("S", Float32(), {1}, 0.0);
  core::Array Y = f.result("Y", Float32(), {n});
  f.for_("i", 0, n, [&](Expr i) {
    S(0) += X(i) * X(i);
    Y(i) = core::exp(X(i)) / 3.0;
  });
  poly::ModuleModel model = poly::extract(m);
  codegen::Simulator sim(model, ubsanOptions());
  codegen::Buffer x(Float32(), {n}), s(Float32(), {1}), y(Float32(), {n});
  x.fillRandom(7);
  sim.run("f", {}, {&x, &s, &y});
  volatile float acc = 0.0f; // volatile: no contraction, no reassociation
  for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
    auto xi = static_cast<float>(x.getDouble(i));
    volatile float sq = xi * xi;
    acc = acc + sq;
    volatile float ex = std::exp(xi); // expf
    volatile float expected = ex / 3.0f;
    EXPECT_EQ(y.getDouble(i), static_cast<double>(expected)) << "element " << i;
  }
  EXPECT_EQ(s.getDouble(0), static_cast<double>(acc));
}

TEST(TypeSemantics, ShiftsWrapAndSaturateAtTheWidth) {
  auto shl = runBinary(
      Int(8), Int(8), Int(8), [](Expr a, Expr b) { return a << b; }, V{1, 1, 1, 3, 1},
      V{7, 8, 100, 6, -1});
  // 128 -> -128; 256 -> 0; >= 64 -> 0; 192 -> -64; negative amount -> 0
  EXPECT_EQ(shl, (V{-128, 0, 0, -64, 0}));
  auto shr = runBinary(
      Int(8), Int(8), Int(8), [](Expr a, Expr b) { return a >> b; }, V{-128, -1, -7, 100},
      V{3, 100, 1, 9});
  // arithmetic: -16; sign fill -1; floor(-3.5) = -4; 0
  EXPECT_EQ(shr, (V{-16, -1, -4, 0}));
  auto ushr = runBinary(
      UInt(8), UInt(8), UInt(8), [](Expr a, Expr b) { return a >> b; }, V{200, 200}, V{3, 9});
  EXPECT_EQ(ushr, (V{25, 0}));
}

TEST(TypeSemantics, AbsWidensAndFloatMinMaxAreDeterministic) {
  auto a = runUnary(
      Int(8), Int(16), [](Expr x) { return core::abs(x); }, V{-128, 5, -3});
  EXPECT_EQ(a, (V{128, 5, 3})); // |int8| is an int9
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // max(a, b) = a < b ? b : a, min(a, b) = b < a ? b : a (std::max / std::min).
  auto mx = runBinary(
      Float32(), Float32(), Float32(), [](Expr x, Expr y) { return core::max(x, y); }, V{1, nan, 2},
      V{nan, 1, 3});
  EXPECT_EQ(mx[0], 1);
  EXPECT_TRUE(std::isnan(mx[1]));
  EXPECT_EQ(mx[2], 3);
  auto mn = runBinary(
      Float64(), Float64(), Float64(), [](Expr x, Expr y) { return core::min(x, y); }, V{-0.0, 0.0},
      V{0.0, -0.0});
  EXPECT_TRUE(std::signbit(mn[0])); // equal: the first operand wins
  EXPECT_FALSE(std::signbit(mn[1]));
}

TEST(TypeSemantics, ComparisonsAndBooleans) {
  auto r = runBinary(
      Int(8), UInt(8), core::Bool(), [](Expr a, Expr b) { return (a < b) && !(a == b); },
      V{-1, 5, 5}, V{255, 5, 4});
  // -1 < 255 compares values (common type int9), not bit patterns
  EXPECT_EQ(r, (V{1, 0, 0}));
  auto sel = runBinary(
      Int(8), Int(8), Int(8), [](Expr a, Expr b) { return core::select(a > b, a - b, b - a); },
      V{10, -128}, V{3, 127});
  EXPECT_EQ(sel, (V{7, -1})); // 255 - 256
}

} // namespace
} // namespace polyallo
