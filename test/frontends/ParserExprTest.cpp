// The parser's expressions: precedence, associativity, trailers, atoms, printing.
#include "frontends/ParserTesting.h"

namespace polyallo::allo::parsertest {
namespace {

// ---- expressions ----------------------------------------------------------------

TEST(ParserExpr, EveryBinaryLevelBindsTighterThanTheOneBefore) {
  // One line per step down Python's precedence table.
  EXPECT_EQ(tree("a if b or c else d"), "(if (or b c) a d)");
  EXPECT_EQ(tree("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(tree("a and not b"), "(and a (not b))");
  EXPECT_EQ(tree("not a < b"), "(not (cmp a < b))");
  EXPECT_EQ(tree("a < b | c"), "(cmp a < (| b c))");
  EXPECT_EQ(tree("a | b ^ c"), "(| a (^ b c))");
  EXPECT_EQ(tree("a ^ b & c"), "(^ a (& b c))");
  EXPECT_EQ(tree("a & b << c"), "(& a (<< b c))");
  EXPECT_EQ(tree("a >> b + c"), "(>> a (+ b c))");
  EXPECT_EQ(tree("a - b * c"), "(- a (* b c))");
  EXPECT_EQ(tree("a / -b"), "(/ a (- b))");
  EXPECT_EQ(tree("-a ** b"), "(- (** a b))");
  EXPECT_EQ(tree("a ** b.c[d](e)"), "(** a (call (sub (. b c) d) e))");
}

TEST(ParserExpr, BinaryOperatorsAreLeftAssociativeExceptPower) {
  EXPECT_EQ(tree("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(tree("a // b % c @ d * e / f"), "(/ (* (@ (% (// a b) c) d) e) f)");
  EXPECT_EQ(tree("a << b >> c"), "(>> (<< a b) c)");
  EXPECT_EQ(tree("2 ** 3 ** 2"), "(** 2 (** 3 2))");
  EXPECT_EQ(tree("2 ** -1"), "(** 2 (- 1))");
  EXPECT_EQ(tree("(-x) ** 2"), "(** (- x) 2)");
  EXPECT_EQ(tree("- + ~x"), "(- (+ (~ x)))");
  EXPECT_EQ(tree("(a + b) * c"), "(* (+ a b) c)");
}

TEST(ParserExpr, BoolOpsCollectTheirOperands) {
  ExprPtr e = expr("a or b or c and d and e");
  ASSERT_EQ(e->kind, ExprKind::BoolOp);
  EXPECT_EQ(e->boolop, BoolOpKind::Or);
  ASSERT_EQ(e->elts.size(), 3u);
  EXPECT_EQ(e->elts[2]->kind, ExprKind::BoolOp);
  EXPECT_EQ(e->elts[2]->elts.size(), 3u);
  EXPECT_EQ(tree("not not a"), "(not (not a))");
}

TEST(ParserExpr, ComparisonsChain) {
  ExprPtr e = expr("0 <= i < N == M != K > 1 >= 2");
  ASSERT_EQ(e->kind, ExprKind::Compare);
  EXPECT_EQ(e->cmpops, (std::vector<CmpOp>{CmpOp::LtE, CmpOp::Lt, CmpOp::Eq, CmpOp::NotEq,
                                           CmpOp::Gt, CmpOp::GtE}));
  EXPECT_EQ(e->elts.size(), 6u);
  EXPECT_EQ(tree("a in b not in c is d is not e"), "(cmp a in b not in c is d is not e)");
  EXPECT_EQ(tree("i in {0, M + 1} and j in {0, N + 1}"),
            "(and (cmp i in (set 0 (+ M 1))) (cmp j in (set 0 (+ N 1))))");
}

TEST(ParserExpr, ConditionalExpressionsNestInTheElseBranch) {
  EXPECT_EQ(tree("x if c else y if d else z"), "(if c x (if d y z))");
  EXPECT_TRUE(throwsError([] { expr("x if c"); }, ErrorKind::Syntax,
                          {"expected 'else' in the conditional expression", "end of line"}));
}

TEST(ParserExpr, SubscriptsAndSlices) {
  EXPECT_EQ(tree("A[i, j]"), "(sub A (tuple i j))");
  EXPECT_EQ(tree("A[i]"), "(sub A i)");
  EXPECT_EQ(tree("A[i,]"), "(sub A (tuple i))");
  EXPECT_EQ(tree("x[lo:hi]"), "(sub x (slice lo hi _))");
  EXPECT_EQ(tree("x[:]"), "(sub x (slice _ _ _))");
  EXPECT_EQ(tree("x[::2]"), "(sub x (slice _ _ 2))");
  EXPECT_EQ(tree("x[1::]"), "(sub x (slice 1 _ _))");
  EXPECT_EQ(tree("A[i, j + 1:, ::-1]"), "(sub A (tuple i (slice (+ j 1) _ _) (slice _ _ (- 1))))");
  EXPECT_EQ(tree("Stream[float32, 4][P0, P1]"),
            "(sub (sub Stream (tuple float32 4)) (tuple P0 P1))");
  ExprPtr e = expr("A[i, 2:3]");
  EXPECT_EQ(e->index->elts[1]->loc.col, 6); // a slice starts at its lower bound
  EXPECT_TRUE(throwsError([] { expr("A[]"); }, ErrorKind::Syntax, {"an index inside '[]'"}));
}

TEST(ParserExpr, CallsTakePositionalThenKeywordArguments) {
  ExprPtr e = expr("allo.grid(M, N, name=\"PE\", pipeline=True,)");
  ASSERT_EQ(e->kind, ExprKind::Call);
  EXPECT_EQ(sexpr(e->value.get()), "(. allo grid)");
  ASSERT_EQ(e->elts.size(), 2u);
  ASSERT_EQ(e->keywords.size(), 2u);
  EXPECT_EQ(e->keywords[0].name, "name");
  EXPECT_EQ(e->keywords[0].value->str, "PE");
  EXPECT_EQ(e->keywords[0].loc.col, 17);
  EXPECT_EQ(tree("f()"), "(call f)");
  EXPECT_EQ(tree("f(a == b, k=c == d)"), "(call f (cmp a == b) k=(cmp c == d))");
  EXPECT_EQ(tree("f(x)(y)[0].z"), "(. (sub (call (call f x) y) 0) z)");
}

TEST(ParserExpr, BadArgumentListsAreRefusedWhereTheyGoWrong) {
  expectSyntaxError(inDef("    s.partition(dim=0, s.A)\n"),
                    "positional argument follows keyword argument", 2, 24);
  expectSyntaxError(inDef("    s.pipeline('i', ii=1, ii=2)\n"), "keyword argument repeated: ii", 2,
                    27);
  // At the top level the same mistake leaves an Unparsed statement with the message.
  Module m = parseText("s.partition(dim=0, s.A)\n");
  EXPECT_EQ(only(m).kind, StmtKind::Unparsed);
  EXPECT_EQ(only(m).error,
            "positional argument follows keyword argument; put positional arguments first");
  EXPECT_TRUE(throwsError([] { expr("f(*args)"); }, ErrorKind::Syntax, {"star arguments"}));
  EXPECT_TRUE(throwsError([] { expr("f(**kw)"); }, ErrorKind::Syntax, {"star arguments"}));
  EXPECT_TRUE(throwsError([] { expr("f(x for x in y)"); }, ErrorKind::Syntax,
                          {"generator expressions are not supported"}));
  EXPECT_TRUE(throwsError([] { expr("f(a b)"); }, ErrorKind::Syntax,
                          {"expected ')' to close the call's '(' at 1:2, found name 'b'"}));
}

TEST(ParserExpr, AtomsAndDisplays) {
  EXPECT_EQ(tree("(True, False, None, 1.5, 'a' \"b\" '''c''')"),
            "(tuple True False None 1.5 \"abc\")");
  EXPECT_EQ(tree("()"), "(tuple)");
  EXPECT_EQ(tree("(a,)"), "(tuple a)");
  EXPECT_EQ(tree("(a)"), "a");
  EXPECT_EQ(tree("[a, [b], ]"), "(list a (list b))");
  EXPECT_EQ(tree("[]"), "(list)");
  EXPECT_EQ(tree("{a, b,}"), "(set a b)");
  ExprPtr n = expr("18446744073709551615");
  EXPECT_EQ(n->kind, ExprKind::Int);
  EXPECT_EQ(n->ival, 18446744073709551615ull);
  ExprPtr t = expr("x, (y, z)");
  EXPECT_EQ(t->kind, ExprKind::Tuple);
  EXPECT_EQ(t->elts[1]->loc.col, 4); // a parenthesized tuple starts at its '('
}

TEST(ParserExpr, ConstructsOutsideTheSubsetAreRefusedByName) {
  auto refused = [](const std::string& text, const std::string& fragment) {
    return throwsError([&] { expr(text); }, ErrorKind::Syntax, {fragment});
  };
  EXPECT_TRUE(refused("{}", "dicts are not supported"));
  EXPECT_TRUE(refused("{1: 2}", "dict displays are not supported"));
  EXPECT_TRUE(refused("[i for i in x]", "list comprehensions"));
  EXPECT_TRUE(refused("{i for i in x}", "set comprehensions"));
  EXPECT_TRUE(refused("lambda: 0", "lambda expressions are not supported"));
  EXPECT_TRUE(refused("...", "Ellipsis"));
  EXPECT_TRUE(refused("(y := 3)", "assignment expressions"));
  EXPECT_TRUE(refused("*a", "star expressions"));
  EXPECT_TRUE(refused("await x", "'await' is not supported"));
  EXPECT_TRUE(refused("x.if", "an attribute name after '.', found name 'if'"));
  EXPECT_TRUE(refused("a + for", "expected an expression, found name 'for'"));
}

TEST(ParserExpr, StrIsReadablePython) {
  auto roundTrip = [](const std::string& text) { return str(*expr(text)); };
  EXPECT_EQ(roundTrip("A[i,j]"), "A[i, j]");
  EXPECT_EQ(roundTrip("allo.grid(M,N,name='PE')"), "allo.grid(M, N, name=\"PE\")");
  EXPECT_EQ(roundTrip("x if c else y"), "x if c else y");
  EXPECT_EQ(roundTrip("(a + b) * c - (d - e)"), "(a + b) * c - (d - e)");
  EXPECT_EQ(roundTrip("a - b - c"), "a - b - c");
  EXPECT_EQ(roundTrip("-x ** 2"), "-x ** 2");
  EXPECT_EQ(roundTrip("(-x) ** 2"), "(-x) ** 2");
  EXPECT_EQ(roundTrip("(2 ** 3) ** 2"), "(2 ** 3) ** 2");
  EXPECT_EQ(roundTrip("not (a and b) or c"), "not (a and b) or c");
  EXPECT_EQ(roundTrip("(a < b) < c"), "(a < b) < c");
  EXPECT_EQ(roundTrip("x[lo:hi], x[::2], A[i,]"), "(x[lo:hi], x[::2], A[i,])");
  EXPECT_EQ(roundTrip("'say \"hi\"\\n'"), "\"say \\\"hi\\\"\\n\"");
  EXPECT_EQ(roundTrip("[1.0, 1e-05, 2.5, {a}]"), "[1.0, 1e-05, 2.5, {a}]");
  EXPECT_EQ(roundTrip("(x if a else y) if b else z"), "(x if a else y) if b else z");
  EXPECT_EQ(roundTrip("a not in b is not None"), "a not in b is not None");
}

TEST(ParserExpr, ParseExpressionTakesOneExpressionAndNothingElse) {
  ExprPtr e = parseExpression("N * 2 + 1", "-D N");
  EXPECT_EQ(sexpr(e.get()), "(+ (* N 2) 1)");
  EXPECT_EQ(e->loc.file, "-D N");
  EXPECT_EQ(e->loc.col, 1);
  EXPECT_EQ(tree("  64\n"), "64");
  EXPECT_EQ(tree("4, 8"), "(tuple 4 8)");
  std::optional<Error> error = captureError([] { parseExpression("1 2", "-D X"); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message(), "expected the end of the expression, found integer 2");
  EXPECT_EQ(error->loc().str(), "-D X:1:3");
  EXPECT_TRUE(throwsError([] { expr(""); }, ErrorKind::Syntax,
                          {"expected an expression, found end of file"}));
  EXPECT_TRUE(throwsError([] { expr("x = 1"); }, ErrorKind::Syntax, {"found '='"}));
  EXPECT_TRUE(throwsError([] { expr("(1"); }, ErrorKind::Syntax, {"'(' was never closed"}));
}

} // namespace
} // namespace polyallo::allo::parsertest
