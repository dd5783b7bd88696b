// Element types: factories, spellings, parsing and the widening rules of core/Types.h.
#include "core/Types.h"

#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <vector>

namespace polyallo::core {
namespace {

using polyallo::testing::throwsError;

// ---- factories ------------------------------------------------------------------------

TEST(TypeFactories, AcceptTheWholeLegalRange) {
  EXPECT_EQ(Int(1).width, 1);
  EXPECT_EQ(Int(64).width, 64);
  EXPECT_EQ(UInt(64).kind, TypeKind::UInt);
  EXPECT_EQ(Fixed(8, 0).frac, 0);
  EXPECT_EQ(Fixed(8, 8).frac, 8);
  EXPECT_EQ(UFixed(64, 64).width, 64);
  EXPECT_EQ(Index().width, 64);
  EXPECT_EQ(Float32().width, 32);
  EXPECT_EQ(Float64().width, 64);
}

TEST(TypeFactories, DefaultElementTypeIsInt32) { EXPECT_EQ(ElemType{}, Int(32)); }

TEST(TypeFactories, BoolIsOneBitUnsigned) {
  EXPECT_EQ(Bool(), UInt(1));
  EXPECT_TRUE(Bool().isBool());
  EXPECT_FALSE(Int(1).isBool());
  EXPECT_FALSE(UInt(2).isBool());
}

TEST(TypeFactories, RejectIntegerWidthsOutsideOneTo64) {
  EXPECT_TRUE(throwsError([] { Int(0); }, ErrorKind::InvalidType,
                          {"Int width", "between 1 and 64", "got 0"}));
  EXPECT_TRUE(throwsError([] { Int(65); }, ErrorKind::InvalidType,
                          {"Int width", "between 1 and 64", "got 65"}));
  EXPECT_TRUE(throwsError([] { Int(-8); }, ErrorKind::InvalidType, {"got -8"}));
  EXPECT_TRUE(
      throwsError([] { UInt(0); }, ErrorKind::InvalidType, {"UInt width", "between 1 and 64"}));
  EXPECT_TRUE(throwsError([] { UInt(65); }, ErrorKind::InvalidType, {"UInt width", "got 65"}));
}

TEST(TypeFactories, RejectFractionBitsOutsideZeroToWidth) {
  EXPECT_TRUE(throwsError([] { Fixed(8, 9); }, ErrorKind::InvalidType,
                          {"Fixed fraction bits", "between 0 and the width 8", "got 9"}));
  EXPECT_TRUE(
      throwsError([] { Fixed(8, -1); }, ErrorKind::InvalidType, {"Fixed fraction bits", "got -1"}));
  EXPECT_TRUE(throwsError([] { UFixed(4, 5); }, ErrorKind::InvalidType,
                          {"UFixed fraction bits", "width 4", "got 5"}));
}

TEST(TypeFactories, RejectFixedWidthsOutsideOneTo64) {
  EXPECT_TRUE(throwsError([] { Fixed(0, 0); }, ErrorKind::InvalidType,
                          {"Fixed width", "between 1 and 64", "got 0"}));
  EXPECT_TRUE(throwsError([] { UFixed(65, 1); }, ErrorKind::InvalidType,
                          {"UFixed width", "between 1 and 64", "got 65"}));
}

// ---- classification -------------------------------------------------------------------

TEST(TypeClassification, KindsAndSignedness) {
  EXPECT_TRUE(Int(8).isInt() && Int(8).isBits() && Int(8).isSigned());
  EXPECT_TRUE(UInt(8).isInt() && !UInt(8).isSigned());
  EXPECT_TRUE(Index().isInt() && Index().isSigned());
  EXPECT_TRUE(Fixed(8, 4).isFixed() && Fixed(8, 4).isBits() && Fixed(8, 4).isSigned());
  EXPECT_TRUE(UFixed(8, 4).isFixed() && !UFixed(8, 4).isSigned());
  EXPECT_FALSE(Fixed(8, 4).isInt());
  EXPECT_TRUE(Float32().isFloat() && Float32().isSigned() && !Float32().isBits());
  EXPECT_TRUE(Float64().isFloat() && !Float64().isInt() && !Float64().isFixed());
}

TEST(TypeClassification, EqualityComparesKindWidthAndFraction) {
  EXPECT_EQ(Fixed(16, 8), Fixed(16, 8));
  EXPECT_NE(Fixed(16, 8), Fixed(16, 7));
  EXPECT_NE(Fixed(16, 8), UFixed(16, 8));
  EXPECT_NE(Int(64), Index());
  EXPECT_NE(Int(32), Float32());
}

// ---- spelling and parsing -------------------------------------------------------------

TEST(TypeSpelling, MatchesAllo) {
  EXPECT_EQ(Int(8).str(), "int8");
  EXPECT_EQ(Int(64).str(), "int64");
  EXPECT_EQ(UInt(3).str(), "uint3");
  EXPECT_EQ(UInt(1).str(), "bool");
  EXPECT_EQ(Bool().str(), "bool");
  EXPECT_EQ(Index().str(), "index");
  EXPECT_EQ(Fixed(16, 8).str(), "fixed(16, 8)");
  EXPECT_EQ(UFixed(12, 0).str(), "ufixed(12, 0)");
  EXPECT_EQ(Float32().str(), "float32");
  EXPECT_EQ(Float64().str(), "float64");
}

TEST(TypeParsing, RoundTripsEverySpelling) {
  const std::vector<ElemType> types = {Int(1),        Int(7),      Int(64),       UInt(1),
                                       UInt(2),       UInt(64),    Bool(),        Index(),
                                       Fixed(16, 8),  Fixed(1, 0), Fixed(64, 64), UFixed(12, 4),
                                       UFixed(64, 0), Float32(),   Float64()};
  for (const ElemType& t : types) {
    SCOPED_TRACE(t.str());
    EXPECT_EQ(parseType(t.str()), t);
  }
}

TEST(TypeParsing, AcceptsAlternativeSpellings) {
  EXPECT_EQ(parseType("uint1"), Bool());
  EXPECT_EQ(parseType("fixed(16,8)"), Fixed(16, 8));
  EXPECT_EQ(parseType("ufixed( 10 , 3 )"), UFixed(10, 3));
}

TEST(TypeParsing, RejectsGarbageNamingTheTextAndTheLegalSpellings) {
  for (const char* text : {"", "int", "float16", "Int(8)", "i32", "int8 ", " int8", "uint-1",
                           "fixed(16)", "fixed(16, 8", "double", "int8x"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(throwsError([&] { parseType(text); }, ErrorKind::InvalidType,
                            {"unknown element type '" + std::string(text) + "'",
                             "expected intN, uintN, bool, index, fixed(w, f), ufixed(w, f), "
                             "float32 or float64"}));
  }
}

TEST(TypeParsing, RejectsOutOfRangeWidthsWithTheFactoryMessage) {
  EXPECT_TRUE(throwsError([] { parseType("int0"); }, ErrorKind::InvalidType,
                          {"between 1 and 64", "got 0"}));
  EXPECT_TRUE(throwsError([] { parseType("uint65"); }, ErrorKind::InvalidType,
                          {"between 1 and 64", "got 65"}));
  EXPECT_TRUE(throwsError([] { parseType("fixed(8, 9)"); }, ErrorKind::InvalidType,
                          {"fraction bits", "got 9"}));
}

TEST(TypeParsing, RejectsWidthsTooLargeForAnIntAsAUserError) {
  // Digits that overflow `int` must not escape as std::out_of_range.
  EXPECT_TRUE(throwsError([] { parseType("int99999999999"); }, ErrorKind::InvalidType,
                          {"'int99999999999'", "at most 64"}));
  EXPECT_TRUE(throwsError([] { parseType("fixed(8, 99999999999)"); }, ErrorKind::InvalidType,
                          {"99999999999"}));
}

// ---- widening -------------------------------------------------------------------------

struct WidenCase {
  WidenOp op;
  ElemType a, b, expected;
};

const char* opName(WidenOp op) {
  switch (op) {
  case WidenOp::Add:
    return "+";
  case WidenOp::Sub:
    return "-";
  case WidenOp::Mul:
    return "*";
  case WidenOp::Other:
    return "other";
  }
  return "?";
}

void expectWidening(const std::vector<WidenCase>& cases) {
  for (const WidenCase& c : cases) {
    SCOPED_TRACE(c.a.str() + " " + opName(c.op) + " " + c.b.str());
    EXPECT_EQ(widen(c.op, c.a, c.b).str(), c.expected.str());
  }
}

// Each expected type is computed by hand from the rules documented in core/Types.h.
TEST(Widening, IntegerAddAndSubGrowByOneBitOverTheWiderOperand) {
  expectWidening({
      {WidenOp::Add, Int(8), Int(8), Int(9)},
      {WidenOp::Add, Int(8), Int(16), Int(17)},
      {WidenOp::Add, Int(16), Int(8), Int(17)},
      {WidenOp::Add, Int(32), Int(32), Int(33)},
      {WidenOp::Sub, Int(8), Int(8), Int(9)},
      {WidenOp::Sub, Int(4), Int(12), Int(13)},
  });
}

TEST(Widening, IntegerMulAddsWidths) {
  expectWidening({
      {WidenOp::Mul, Int(8), Int(8), Int(16)},
      {WidenOp::Mul, Int(8), Int(16), Int(24)},
      {WidenOp::Mul, Int(1), Int(1), Int(2)},
      {WidenOp::Mul, UInt(8), UInt(8), UInt(16)},
      {WidenOp::Mul, UInt(3), UInt(5), UInt(8)},
  });
}

TEST(Widening, UnsignedStaysUnsignedOnlyWhenBothAre) {
  expectWidening({
      {WidenOp::Add, UInt(8), UInt(8), UInt(9)},
      {WidenOp::Add, UInt(8), UInt(16), UInt(17)},
      {WidenOp::Add, Bool(), Bool(), UInt(2)},
      // UInt(a) - UInt(b) lies in (-2^b, 2^a): signed, one bit over the wider operand.
      {WidenOp::Sub, UInt(8), UInt(8), Int(9)},
      {WidenOp::Sub, UInt(8), UInt(16), Int(17)},
      {WidenOp::Sub, Bool(), Bool(), Int(2)},
      // A signed operand: the unsigned one needs a sign bit (uint8 -> 9 signed bits).
      {WidenOp::Add, Int(8), UInt(8), Int(10)},
      {WidenOp::Add, UInt(8), Int(8), Int(10)},
      {WidenOp::Add, Int(16), UInt(8), Int(17)},
      {WidenOp::Sub, Int(8), UInt(8), Int(10)},
  });
}

TEST(Widening, FixedPointAlignsFractionBits) {
  // Fixed +- Fixed -> Fixed(max int bits + max frac bits + 1, max frac bits).
  // fixed(8, 4) has 4 integer bits, fixed(8, 2) has 6.
  expectWidening({
      {WidenOp::Add, Fixed(8, 4), Fixed(8, 2), Fixed(11, 4)},
      {WidenOp::Sub, Fixed(8, 4), Fixed(8, 2), Fixed(11, 4)},
      {WidenOp::Add, Fixed(16, 8), Fixed(16, 8), Fixed(17, 8)},
      {WidenOp::Add, UFixed(8, 4), UFixed(8, 4), UFixed(9, 4)},
      {WidenOp::Sub, UFixed(8, 4), UFixed(8, 4), Fixed(9, 4)},
      // A signed operand: ufixed(8, 4) needs 5 signed integer bits.
      {WidenOp::Add, Fixed(8, 4), UFixed(8, 4), Fixed(10, 4)},
      // An integer is a fixed-point number without fraction bits.
      {WidenOp::Add, Int(8), Fixed(8, 4), Fixed(13, 4)},
  });
}

TEST(Widening, FixedPointMulSumsWidthsAndFractionBits) {
  expectWidening({
      {WidenOp::Mul, Fixed(8, 4), Fixed(8, 2), Fixed(16, 6)},
      {WidenOp::Mul, Fixed(16, 8), Fixed(16, 8), Fixed(32, 16)},
      {WidenOp::Mul, UFixed(8, 4), UFixed(4, 4), UFixed(12, 8)},
      {WidenOp::Mul, Int(8), Fixed(8, 4), Fixed(16, 4)},
  });
}

TEST(Widening, AnyFloatOperandMakesTheWidestFloat) {
  expectWidening({
      {WidenOp::Add, Int(8), Float32(), Float32()},
      {WidenOp::Mul, Float32(), Int(64), Float32()},
      {WidenOp::Sub, Fixed(8, 4), Float32(), Float32()},
      {WidenOp::Add, Index(), Float64(), Float64()},
      {WidenOp::Mul, Float32(), Float32(), Float32()},
      {WidenOp::Add, Float32(), Float64(), Float64()},
      {WidenOp::Mul, Float64(), Float32(), Float64()},
      {WidenOp::Other, Float32(), UInt(8), Float32()},
  });
}

TEST(Widening, IndexOpIndexStaysIndex) {
  expectWidening({
      {WidenOp::Add, Index(), Index(), Index()},
      {WidenOp::Sub, Index(), Index(), Index()},
      {WidenOp::Mul, Index(), Index(), Index()},
      {WidenOp::Other, Index(), Index(), Index()},
      // Mixed with an integer, index behaves as int64 (and the result is capped).
      {WidenOp::Add, Index(), Int(8), Int(64)},
  });
}

TEST(Widening, ResultsAreCappedAt64Bits) {
  expectWidening({
      {WidenOp::Add, Int(64), Int(64), Int(64)},
      {WidenOp::Add, Int(63), Int(63), Int(64)},
      {WidenOp::Add, UInt(64), UInt(64), UInt(64)},
      {WidenOp::Sub, UInt(64), UInt(64), Int(64)},
      {WidenOp::Mul, Int(32), Int(32), Int(64)},
      {WidenOp::Mul, Int(32), Int(33), Int(64)},
      {WidenOp::Mul, Int(40), Int(40), Int(64)},
      {WidenOp::Mul, Fixed(40, 20), Fixed(40, 20), Fixed(64, 40)},
  });
}

TEST(Widening, OtherOperationsKeepTheCommonWidth) {
  expectWidening({
      {WidenOp::Other, Int(8), Int(16), Int(16)},
      {WidenOp::Other, UInt(8), UInt(16), UInt(16)},
      {WidenOp::Other, UInt(8), Int(8), Int(9)},
      {WidenOp::Other, Fixed(8, 4), Fixed(8, 2), Fixed(10, 4)},
  });
}

TEST(Widening, CommonTypeHoldsBothOperands) {
  EXPECT_EQ(common(Int(8), Int(8)), Int(8));
  EXPECT_EQ(common(Bool(), Bool()), Bool());
  EXPECT_EQ(common(Fixed(8, 4), Fixed(8, 4)), Fixed(8, 4));
  EXPECT_EQ(common(Int(8), Int(16)), Int(16));
  EXPECT_EQ(common(UInt(8), Int(8)), Int(9));
  EXPECT_EQ(common(Int(32), Float32()), Float32());
  EXPECT_EQ(common(Float64(), Float32()), Float64());
  EXPECT_EQ(common(Index(), Index()), Index());
}

} // namespace
} // namespace polyallo::core
