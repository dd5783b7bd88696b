// Host buffers: storage layout, value and bit access with the type's rules.
#include "codegen/Buffer.h"
#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace polyallo {
namespace {

using namespace polyallo::core;
using codegen::Buffer;
using polyallo::testing::throwsError;

TEST(Buffer, StorageUsesTheSmallestCType) {
  EXPECT_EQ(Buffer(Int(3), {4}).elementBytes(), 1u);
  EXPECT_EQ(Buffer(UInt(9), {4}).elementBytes(), 2u);
  EXPECT_EQ(Buffer(Int(17), {4}).elementBytes(), 4u);
  EXPECT_EQ(Buffer(Int(33), {4}).elementBytes(), 8u);
  EXPECT_EQ(Buffer(Bool(), {4}).elementBytes(), 1u);
  EXPECT_EQ(Buffer(Index(), {4}).elementBytes(), 8u);
  EXPECT_EQ(Buffer(Fixed(12, 4), {4}).elementBytes(), 2u);
  EXPECT_EQ(Buffer(Float32(), {4}).elementBytes(), 4u);
  EXPECT_EQ(Buffer(Float64(), {4}).elementBytes(), 8u);
  Buffer scalar(Int(32), {});
  EXPECT_EQ(scalar.size(), 1u);
  EXPECT_EQ(Buffer(Int(32), {2, 0, 3}).size(), 0u);
}

TEST(Buffer, SetDoubleConvertsWithTheTypeRules) {
  Buffer b(Int(8), {5});
  b.setDouble(0, 200);  // 200 - 256
  b.setDouble(1, -2.9); // truncates toward zero
  b.setDouble(2, std::numeric_limits<double>::quiet_NaN());
  b.setDouble(3, 1e40); // as a double, a multiple of 2^80: wraps to 0
  b.setDouble(4, -129); // -129 + 256
  EXPECT_EQ(b.getDouble(0), -56);
  EXPECT_EQ(b.getDouble(1), -2);
  EXPECT_EQ(b.getDouble(2), 0);
  EXPECT_EQ(b.getDouble(3), 0);
  EXPECT_EQ(b.getDouble(4), 127);

  Buffer f(Fixed(8, 4), {3});
  f.setDouble(0, 1.3);   // floor(20.8) = 20 -> 1.25
  f.setDouble(1, -0.01); // floor(-0.16) = -1 -> -0.0625
  f.setDouble(2, 8.0);   // raw 128 wraps to -128 -> -8
  EXPECT_EQ(f.getDouble(0), 1.25);
  EXPECT_EQ(f.getDouble(1), -0.0625);
  EXPECT_EQ(f.getDouble(2), -8);
  EXPECT_EQ(f.getBits(0), 20u);

  Buffer u(UFixed(4, 2), {1});
  u.setDouble(0, -0.25); // raw -1 -> 15 -> 3.75
  EXPECT_EQ(u.getDouble(0), 3.75);

  Buffer s(Float32(), {1});
  s.setDouble(0, 0.1); // rounds to the nearest float
  EXPECT_EQ(s.getDouble(0), static_cast<double>(0.1f));
}

TEST(Buffer, BitsWrapAndSignExtend) {
  Buffer b(Int(3), {2});
  b.setBits(0, 0x7);  // 0b111 = -1 in int3
  b.setBits(1, 0xfc); // low 3 bits 0b100 = -4
  EXPECT_EQ(b.getBits(0), ~uint64_t{0});
  EXPECT_EQ(b.getDouble(1), -4);
  EXPECT_EQ(static_cast<const int8_t*>(b.data())[1], -4); // the emitted C's layout
  Buffer u(UInt(5), {1});
  u.setBits(0, 0xff);
  EXPECT_EQ(u.getBits(0), 31u);
  Buffer f(Float32(), {1});
  f.setBits(0, 0x3f800000); // 1.0f
  EXPECT_EQ(f.getDouble(0), 1.0);
  Buffer big(UInt(64), {1});
  big.setBits(0, ~uint64_t{0});
  EXPECT_EQ(big.getBits(0), ~uint64_t{0});
}

TEST(Buffer, IndexingIsRowMajorAndChecked) {
  Buffer b(Int(32), {2, 3});
  b.setDouble({1, 2}, 7);
  EXPECT_EQ(b.flatIndex({1, 2}), 5u);
  EXPECT_EQ(b.getDouble(5), 7);
  EXPECT_TRUE(throwsError(
      [&] {
        (void)b.flatIndex({2, 0});
      },
      ErrorKind::InvalidArgument, {"subscript 0", "[0, 2)"}));
  EXPECT_TRUE(throwsError([&] { (void)b.flatIndex({1}); }, ErrorKind::InvalidArgument,
                          {"int32[2, 3]", "1 subscript"}));
  EXPECT_TRUE(
      throwsError([&] { (void)b.getBits(6); }, ErrorKind::InvalidArgument, {"out of range"}));
  EXPECT_TRUE(throwsError([] { Buffer(Int(8), {-1}); }, ErrorKind::InvalidArgument, {">= 0"}));
}

TEST(Buffer, EqualityAndMaxAbsDiff) {
  Buffer a(Float32(), {3}), b(Float32(), {3});
  a.fillRandom(1);
  b.fillRandom(1);
  EXPECT_TRUE(a == b);
  EXPECT_EQ(codegen::maxAbsDiff(a, b), 0);
  b.setDouble(2, a.getDouble(2) + 0.5);
  EXPECT_FALSE(a == b);
  EXPECT_NEAR(codegen::maxAbsDiff(a, b), 0.5, 1e-6);
  EXPECT_FALSE(a == Buffer(Float64(), {3}));
  EXPECT_TRUE(throwsError([&] { (void)codegen::maxAbsDiff(a, Buffer(Float32(), {4})); },
                          ErrorKind::InvalidArgument, {"different shapes"}));
  // NaN is equal to itself bit for bit, but its distance is NaN.
  Buffer n1(Float64(), {1}), n2(Float64(), {1});
  n1.setDouble(0, std::numeric_limits<double>::quiet_NaN());
  n2.setDouble(0, std::numeric_limits<double>::quiet_NaN());
  EXPECT_TRUE(n1 == n2);
  EXPECT_TRUE(std::isnan(codegen::maxAbsDiff(n1, n2)));
}

TEST(Buffer, RandomFillIsDeterministicAndFitsTheType) {
  Buffer a(Int(8), {64});
  a.fillRandom(42);
  // splitmix64 from state 42: the first output is 0xbdd732262feb6e95; its low
  // byte 0x95 is int8 -107.
  EXPECT_EQ(a.getDouble(0), -107);
  Buffer b(Int(8), {64});
  b.fillRandom(43);
  EXPECT_FALSE(a == b);
  Buffer f(Float64(), {1000});
  f.fillRandom(3);
  for (size_t i = 0; i < f.size(); ++i) {
    ASSERT_GE(f.getDouble(i), -1.0);
    ASSERT_LT(f.getDouble(i), 1.0);
  }
  Buffer x(Fixed(6, 3), {100});
  x.fillRandom(5);
  for (size_t i = 0; i < x.size(); ++i) {
    ASSERT_GE(x.getDouble(i), -4.0);
    ASSERT_LE(x.getDouble(i), 3.875);
  }
}

} // namespace
} // namespace polyallo
