// Typed expressions: weak literals, inserted casts, result types, affinity and printing.
#include "core/Expr.h"
#include "core/Array.h"

#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace polyallo::core {
namespace {

using polyallo::testing::throwsError;

std::shared_ptr<ArrayDecl> makeArray(const std::string& name, ElemType type,
                                     const std::vector<Expr>& shape) {
  auto decl = std::make_shared<ArrayDecl>();
  decl->name = name;
  decl->type = type;
  for (const Expr& extent : shape) {
    decl->shape.push_back(castIfNeeded(Index(), extent));
  }
  return decl;
}

Expr iterator(const std::string& name) {
  return varRef(std::make_shared<const VarDecl>(VarDecl{name}));
}

class ExprTest : public ::testing::Test {
protected:
  Expr i = iterator("i");
  Expr j = iterator("j");
  Expr N = paramRef("N");
  std::shared_ptr<ArrayDecl> a8 = makeArray("a8", Int(8), {16});
  std::shared_ptr<ArrayDecl> b16 = makeArray("b16", Int(16), {16});
  std::shared_ptr<ArrayDecl> u8 = makeArray("u8", UInt(8), {16});
  std::shared_ptr<ArrayDecl> f32 = makeArray("f32", Float32(), {16});
  std::shared_ptr<ArrayDecl> f64 = makeArray("f64", Float64(), {16});
  std::shared_ptr<ArrayDecl> A = makeArray("A", Float32(), {4, 8});
  std::shared_ptr<ArrayDecl> acc = makeArray("acc", Int(32), {});

  Expr at(const std::shared_ptr<ArrayDecl>& array, Expr index) {
    return read(array, {std::move(index)});
  }
};

/// The operand is `read` itself or `read` behind one inserted cast to `type`.
void expectCastOf(const Expr& operand, ExprKind innerKind, const ElemType& type) {
  EXPECT_EQ(operand.type(), type);
  ASSERT_EQ(operand->kind, ExprKind::Cast) << str(operand);
  EXPECT_EQ(operand->ops[0]->kind, innerKind) << str(operand);
}

// ---- weak literals --------------------------------------------------------------------

TEST_F(ExprTest, LiteralsAloneAreWeakInt32OrFloat32) {
  Expr seven = 7;
  EXPECT_TRUE(seven->weak);
  EXPECT_EQ(seven.type(), Int(32));
  EXPECT_EQ(seven->ival, 7);
  Expr half = 0.5;
  EXPECT_TRUE(half->weak);
  EXPECT_TRUE(half->isFloatValue);
  EXPECT_EQ(half.type(), Float32());
  // An integer literal beyond int32 needs int64.
  Expr big = int64_t{1} << 40;
  EXPECT_EQ(big.type(), Int(64));
}

TEST_F(ExprTest, WeakIntLiteralAdoptsTheOtherOperandsTypeWhenItFits) {
  Expr e = at(a8, i) + 1;
  EXPECT_EQ(e->kind, ExprKind::Binary);
  EXPECT_EQ(e.type(), Int(9)); // int8 + int8
  int64_t value = 0;
  ASSERT_TRUE(constantValue(e->ops[1], value));
  EXPECT_EQ(value, 1);
  EXPECT_FALSE(e->ops[1]->weak);
  // The literal may come first.
  EXPECT_EQ((1 + at(a8, i)).type(), Int(9));
  EXPECT_EQ((at(u8, i) + 1).type(), UInt(9));
  EXPECT_EQ((at(a8, i) * 2).type(), Int(16));
}

TEST_F(ExprTest, WeakIntLiteralThatDoesNotFitGetsTheBitsItNeeds) {
  // 300 needs 10 signed bits: int8 + int10 -> int11.
  EXPECT_EQ((at(a8, i) + 300).type(), Int(11));
  // -1 is not a uint8; it is an int1, and uint8 + int1 -> int10.
  EXPECT_EQ((at(u8, i) + -1).type(), Int(10));
  // 255 fits uint8 but not int8: int8 + int9 -> int10.
  EXPECT_EQ((at(a8, i) + 255).type(), Int(10));
}

TEST_F(ExprTest, WeakFloatLiteralAdoptsFloat64Exactly) {
  Expr e = at(f64, i) * 0.1;
  EXPECT_EQ(e.type(), Float64());
  const Expr& literal = e->ops[1];
  ASSERT_EQ(literal->kind, ExprKind::Const);
  EXPECT_EQ(literal.type(), Float64());
  EXPECT_TRUE(literal->isFloatValue);
  // Not rounded through float32 on the way.
  EXPECT_EQ(literal->fval, 0.1);
  EXPECT_EQ((at(f64, i) * 0.5)->ops[1]->fval, 0.5);
  // The read needs no cast.
  EXPECT_EQ(e->ops[0]->kind, ExprKind::Read);
}

TEST_F(ExprTest, WeakIntLiteralNextToAFloatBecomesThatFloat) {
  Expr e = at(f32, i) + 1;
  EXPECT_EQ(e.type(), Float32());
  const Expr& literal = e->ops[1];
  ASSERT_EQ(literal->kind, ExprKind::Const);
  EXPECT_EQ(literal.type(), Float32());
  EXPECT_TRUE(literal->isFloatValue);
  EXPECT_EQ(literal->fval, 1.0);
  EXPECT_EQ((at(f64, i) - 3).type(), Float64());
}

TEST_F(ExprTest, FloatLiteralWithAnIntegerOperandMakesFloat32) {
  Expr e = at(a8, i) + 0.5;
  EXPECT_EQ(e.type(), Float32());
  expectCastOf(e->ops[0], ExprKind::Read, Float32());
  EXPECT_EQ(e->ops[1]->fval, 0.5);
  EXPECT_EQ((i * 0.5).type(), Float32());
}

TEST_F(ExprTest, WeakLiteralNextToAnIteratorIsIndex) {
  Expr e = i + 1;
  EXPECT_EQ(e.type(), Index());
  EXPECT_EQ(e->ops[1].type(), Index());
  EXPECT_EQ(e->ops[1]->kind, ExprKind::Const);
}

TEST_F(ExprTest, NegatedWeakLiteralStaysAWeakLiteral) {
  Expr e = -Expr(3);
  EXPECT_EQ(e->kind, ExprKind::Const);
  EXPECT_TRUE(e->weak);
  EXPECT_EQ(e->ival, -3);
  EXPECT_EQ((at(a8, i) + -Expr(3)).type(), Int(9));
}

// ---- inserted casts and result types --------------------------------------------------

TEST_F(ExprTest, BothBinaryOperandsAreCastToTheOperationType) {
  Expr e = at(a8, i) * at(b16, i);
  EXPECT_EQ(e.type(), Int(24));
  expectCastOf(e->ops[0], ExprKind::Read, Int(24));
  expectCastOf(e->ops[1], ExprKind::Read, Int(24));
  EXPECT_EQ(e->ops[0]->ops[0]->array, a8);
  EXPECT_EQ(e->ops[1]->ops[0]->array, b16);
}

TEST_F(ExprTest, NoCastWhenTheOperandAlreadyHasTheOperationType) {
  Expr e = at(f32, i) + at(f32, j);
  EXPECT_EQ(e->ops[0]->kind, ExprKind::Read);
  EXPECT_EQ(e->ops[1]->kind, ExprKind::Read);
}

TEST_F(ExprTest, NestedArithmeticWidensStepByStep) {
  // (int8 * int8) + int16 -> int16 + int16 -> int17
  Expr e = at(a8, i) * at(a8, j) + at(b16, i);
  EXPECT_EQ(e.type(), Int(17));
  expectCastOf(e->ops[0], ExprKind::Binary, Int(17));
  EXPECT_EQ(e->ops[0]->ops[0].type(), Int(16));
}

TEST_F(ExprTest, ComparisonsGiveBoolAndCompareInTheCommonType) {
  Expr lt = at(a8, i) < at(b16, i);
  EXPECT_EQ(lt.type(), Bool());
  EXPECT_EQ(lt->ops[0].type(), Int(16));
  EXPECT_EQ(lt->ops[1].type(), Int(16));
  Expr mixed = at(u8, i) == at(a8, i);
  EXPECT_EQ(mixed.type(), Bool());
  EXPECT_EQ(mixed->ops[0].type(), Int(9));
  Expr withFloat = at(a8, i) >= at(f32, i);
  EXPECT_EQ(withFloat->ops[0].type(), Float32());
  for (const Expr& e : {at(a8, i) != 0, at(a8, i) <= 1, at(a8, i) > 2, i < N}) {
    EXPECT_EQ(e.type(), Bool()) << str(e);
  }
}

TEST_F(ExprTest, LogicalOperatorsWorkOnBools) {
  Expr both = (i < N) && (j < N);
  EXPECT_EQ(both.type(), Bool());
  EXPECT_EQ(both->binop, BinOp::And);
  Expr either = (i < 1) || (i > 5);
  EXPECT_EQ(either->binop, BinOp::Or);
  Expr negated = !(i == 0);
  EXPECT_EQ(negated.type(), Bool());
  EXPECT_EQ(negated->unop, UnOp::Not);
  // A non-bool operand is tested against zero (Python truthiness), not
  // wrapped to one bit: !2 is false.
  Expr fromInt = !at(a8, i);
  ASSERT_EQ(fromInt->ops[0]->kind, ExprKind::Binary);
  EXPECT_EQ(fromInt->ops[0]->binop, BinOp::Ne);
  EXPECT_EQ(fromInt->ops[0]->ops[0]->kind, ExprKind::Read);
}

TEST_F(ExprTest, NegationAndAbsWidenSoTheMinimumFits) {
  EXPECT_EQ((-at(a8, i)).type(), Int(9));
  EXPECT_EQ((-at(u8, i)).type(), Int(9));
  EXPECT_EQ((-i).type(), Index());
  EXPECT_EQ((-at(f32, i)).type(), Float32());
  EXPECT_EQ(abs(at(a8, i)).type(), Int(9));
  EXPECT_EQ(abs(at(u8, i)).type(), UInt(8));
  EXPECT_EQ(abs(at(f64, i)).type(), Float64());
}

TEST_F(ExprTest, DivisionWidensForMinDividedByMinusOne) {
  EXPECT_EQ((at(a8, i) / at(a8, j)).type(), Int(9));
  EXPECT_EQ(floordiv(at(a8, i), at(a8, j)).type(), Int(9));
  EXPECT_EQ((at(a8, i) % at(a8, j)).type(), Int(8));
  EXPECT_EQ((at(u8, i) / at(u8, j)).type(), UInt(8));
  EXPECT_EQ(floordiv(at(u8, i), at(u8, j)).type(), UInt(8));
  EXPECT_EQ((at(f32, i) / 2).type(), Float32());
  EXPECT_EQ(floordiv(i, 4).type(), Index());
}

TEST_F(ExprTest, PowAndMathFunctionsComputeInFloat) {
  EXPECT_EQ(pow(at(a8, i), 2).type(), Float32());
  EXPECT_EQ(pow(at(f64, i), 2).type(), Float64());
  EXPECT_EQ(exp(at(a8, i)).type(), Float32());
  expectCastOf(exp(at(a8, i))->ops[0], ExprKind::Read, Float32());
  EXPECT_EQ(sqrt(at(f64, i)).type(), Float64());
  EXPECT_EQ(tanh(at(f32, i))->fn, MathFn::Tanh);
  EXPECT_EQ(log2(at(f32, i))->fn, MathFn::Log2);
}

TEST_F(ExprTest, MinMaxAndBitOperationsUseTheCommonType) {
  EXPECT_EQ(min(at(a8, i), at(b16, i)).type(), Int(16));
  EXPECT_EQ(max(at(u8, i), at(a8, i)).type(), Int(9));
  EXPECT_EQ((at(a8, i) & at(u8, i)).type(), Int(9));
  EXPECT_EQ((at(u8, i) | at(u8, j)).type(), UInt(8));
  EXPECT_EQ((at(a8, i) ^ 1).type(), Int(8));
  EXPECT_EQ((~at(u8, i)).type(), UInt(8));
}

TEST_F(ExprTest, ShiftsKeepTheValueTypeAndTakeAnInt64Amount) {
  Expr e = at(a8, i) << 2;
  EXPECT_EQ(e.type(), Int(8));
  EXPECT_EQ(e->ops[1].type(), Int(64));
  EXPECT_EQ((at(u8, i) >> at(a8, j)).type(), UInt(8));
}

TEST_F(ExprTest, BitOperationsOnFloatsAreRefused) {
  EXPECT_TRUE(throwsError([&] { (void)(at(f32, i) & at(a8, i)); }, ErrorKind::TypeMismatch,
                          {"'&'", "integer or fixed-point", "float32"}));
  EXPECT_TRUE(throwsError([&] { (void)(at(f32, i) << 1); }, ErrorKind::TypeMismatch,
                          {"'<<'", "integer shift amount"}));
  EXPECT_TRUE(throwsError([&] { (void)(at(a8, i) >> at(f64, i)); }, ErrorKind::TypeMismatch,
                          {"'>>'", "float64"}));
  EXPECT_TRUE(
      throwsError([&] { (void)~at(f64, i); }, ErrorKind::TypeMismatch, {"'~'", "got float64"}));
}

TEST_F(ExprTest, SelectTakesTheCommonTypeAndABoolCondition) {
  Expr e = select(i < 4, at(a8, i), at(b16, i));
  EXPECT_EQ(e.type(), Int(16));
  EXPECT_EQ(e->ops[0].type(), Bool());
  expectCastOf(e->ops[1], ExprKind::Read, Int(16));
  EXPECT_EQ(select(i < 4, at(f32, i), 0).type(), Float32());
}

TEST_F(ExprTest, EmptyOperandsAreRefused) {
  EXPECT_TRUE(
      throwsError([&] { (void)(Expr() + 1); }, ErrorKind::TypeMismatch, {"empty expression"}));
  EXPECT_TRUE(throwsError([&] { (void)exp(Expr()); }, ErrorKind::TypeMismatch,
                          {"exp", "empty expression"}));
  EXPECT_TRUE(throwsError([&] { (void)select(Expr(), 1, 2); }, ErrorKind::TypeMismatch,
                          {"select", "empty expression"}));
}

TEST_F(ExprTest, CastIfNeededOnlyCastsWhenTheTypeDiffers) {
  Expr x = at(a8, i);
  EXPECT_EQ(castIfNeeded(Int(8), x).ptr(), x.ptr());
  Expr widened = castIfNeeded(Int(16), x);
  EXPECT_EQ(widened->kind, ExprKind::Cast);
  EXPECT_EQ(widened.type(), Int(16));
  // A weak literal is retyped, not cast.
  Expr literal = castIfNeeded(UInt(4), 7);
  EXPECT_EQ(literal->kind, ExprKind::Const);
  EXPECT_EQ(literal.type(), UInt(4));
  EXPECT_FALSE(literal->weak);
  // An explicit cast always makes a node.
  EXPECT_EQ(cast(Int(8), x)->kind, ExprKind::Cast);
}

TEST_F(ExprTest, ConstantValueLooksThroughIntegerCasts) {
  int64_t value = 0;
  EXPECT_TRUE(constantValue(constant(42, Int(8)), value));
  EXPECT_EQ(value, 42);
  EXPECT_TRUE(constantValue(cast(Int(16), constant(-3, Int(8))), value));
  EXPECT_EQ(value, -3);
  EXPECT_FALSE(constantValue(constantFloat(2.0, Float32()), value));
  EXPECT_FALSE(constantValue(cast(Float32(), constant(2, Int(8))), value));
  EXPECT_FALSE(constantValue(i, value));
  EXPECT_FALSE(constantValue(Expr(), value));
}

// ---- reads ----------------------------------------------------------------------------

TEST_F(ExprTest, ReadHasTheArrayElementType) {
  Expr e = read(A, {i, j});
  EXPECT_EQ(e->kind, ExprKind::Read);
  EXPECT_EQ(e.type(), Float32());
  EXPECT_EQ(e->array, A);
  ASSERT_EQ(e->ops.size(), 2u);
  EXPECT_EQ(e->ops[0]->var, i->var);
  EXPECT_EQ(read(acc, {}).type(), Int(32));
}

TEST_F(ExprTest, ReadWithTheWrongNumberOfSubscriptsNamesTheArrayAndItsType) {
  EXPECT_TRUE(throwsError([&] { read(A, {i}); }, ErrorKind::DimMismatch,
                          {"'A'", "2 dimension(s)", "float32[4, 8]", "1 subscript(s)"}));
  EXPECT_TRUE(throwsError(
      [&] {
        read(A, {i, j, 0});
      },
      ErrorKind::DimMismatch, {"'A'", "float32[4, 8]", "3 subscript(s)"}));
  EXPECT_TRUE(throwsError([&] { read(acc, {0}); }, ErrorKind::DimMismatch,
                          {"'acc'", "0 dimension(s)", "int32"}));
}

TEST_F(ExprTest, ReadWithAFloatSubscriptNamesTheArrayAndItsType) {
  EXPECT_TRUE(throwsError(
      [&] {
        read(A, {i, 0.5});
      },
      ErrorKind::TypeMismatch,
      {"subscript 1 of 'A'", "float32[4, 8]", "must be an integer", "got float32 (0.5)"}));
  EXPECT_TRUE(throwsError([&] { read(a8, {at(f64, i)}); }, ErrorKind::TypeMismatch,
                          {"subscript 0 of 'a8'", "int8[16]", "got float64"}));
  EXPECT_TRUE(throwsError(
      [&] {
        read(A, {Expr(), j});
      },
      ErrorKind::TypeMismatch, {"array subscript", "empty expression"}));
}

TEST_F(ExprTest, ReadsMayUseIntegerValuedSubscripts) {
  // Any integer type is a legal subscript (the polyhedral model decides affinity).
  EXPECT_NO_THROW(read(A, {at(a8, i), at(u8, j)}));
  EXPECT_NO_THROW(read(A, {i + 1, N - 1}));
}

// ---- affinity -------------------------------------------------------------------------

TEST_F(ExprTest, AffineExpressionsAreAccepted) {
  for (const Expr& e : {i, N, Expr(3), i + 2 * j - N, 2 * i, i * 3, -i, floordiv(i, 4), i % 4,
                        min(i, N), max(i - 1, 0), cast(Int(32), i), floordiv(i + N, 2) * 3}) {
    EXPECT_TRUE(isAffine(e)) << str(e);
  }
}

TEST_F(ExprTest, NonAffineExpressionsAreRejected) {
  for (const Expr& e : {i * j, N * N, at(a8, i), i + at(a8, i), i / 2, floordiv(i, 0),
                        floordiv(i, -2), floordiv(i, j), i % j, Expr(0.5), i + 0.5, i << 1, i & 1,
                        i * (2 + N), select(i < 2, i, j)}) {
    EXPECT_FALSE(isAffine(e)) << str(e);
  }
  EXPECT_FALSE(isAffine(Expr()));
}

TEST_F(ExprTest, AffineConditionsAreComparisonsOfAffineExpressions) {
  for (const Expr& e : {i < N, i >= 1 && j < i, !(i == 0), (i < 1) || (i > 5), i + j != 2 * N,
                        floordiv(i, 2) == j % 3, Expr(1)}) {
    EXPECT_TRUE(isAffineCondition(e)) << str(e);
  }
}

TEST_F(ExprTest, DataDependentConditionsAreNotAffine) {
  for (const Expr& e : {at(a8, i) > 0, i * j < 4, i < 0.5, i < N && at(a8, i) == 0,
                        !(at(a8, i) < 1), i + 1, at(a8, i)}) {
    EXPECT_FALSE(isAffineCondition(e)) << str(e);
  }
  EXPECT_FALSE(isAffineCondition(Expr()));
}

// ---- printing -------------------------------------------------------------------------

TEST_F(ExprTest, StrIsPythonLike) {
  EXPECT_EQ(str(i + 2 * j), "(i + (2 * j))");
  EXPECT_EQ(str(read(A, {i, j + 1})), "A[i, (j + 1)]");
  EXPECT_EQ(str(read(acc, {})), "acc");
  EXPECT_EQ(str(at(f32, i) * 0.25), "(f32[i] * 0.25)");
  EXPECT_EQ(str(min(i, N)), "min(i, N)");
  EXPECT_EQ(str(floordiv(i, 4)), "(i // 4)");
  EXPECT_EQ(str(i < N && j >= 0), "((i < N) and (j >= 0))");
  EXPECT_EQ(str(select(i < 4, at(f32, i), at(f32, j))), "(f32[i] if (i < 4) else f32[j])");
  EXPECT_EQ(str(exp(at(f32, i))), "exp(f32[i])");
  EXPECT_EQ(str(-at(f32, i)), "-(f32[i])");
  EXPECT_EQ(str(cast(Int(8), i)), "int8(i)");
  EXPECT_EQ(str(Expr()), "<undefined>");
}

TEST_F(ExprTest, StrShowsInsertedCasts) {
  EXPECT_EQ(str(at(a8, i) * at(b16, i)), "(int24(a8[i]) * int24(b16[i]))");
  EXPECT_EQ(str(at(a8, i) + 0.5), "(float32(a8[i]) + 0.5)");
}

TEST(ExprNames, OperatorAndFunctionSpellings) {
  EXPECT_STREQ(binOpName(BinOp::FloorDiv), "//");
  EXPECT_STREQ(binOpName(BinOp::Pow), "**");
  EXPECT_STREQ(binOpName(BinOp::And), "and");
  EXPECT_STREQ(binOpName(BinOp::Max), "max");
  EXPECT_STREQ(mathFnName(MathFn::Log10), "log10");
  EXPECT_TRUE(isComparison(BinOp::Ge));
  EXPECT_FALSE(isComparison(BinOp::And));
}

TEST(ArrayDeclText, TypeStrShowsElementTypeAndShape) {
  EXPECT_EQ(makeArray("A", Float32(), {4, 8})->typeStr(), "float32[4, 8]");
  EXPECT_EQ(makeArray("B", Fixed(16, 8), {paramRef("N"), 3})->typeStr(), "fixed(16, 8)[N, 3]");
  EXPECT_EQ(makeArray("s", Int(8), {})->typeStr(), "int8");
  EXPECT_TRUE(makeArray("s", Int(8), {})->isScalar());
}

} // namespace
} // namespace polyallo::core
