// The parser: Python's grammar for the accepted subset, strict inside defs,
// forgiving (Skipped / Unparsed) for top-level set-up code.
#include "frontends/allo/Parser.h"

#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace polyallo::allo {
namespace {

using namespace ast;
using polyallo::testing::captureError;
using polyallo::testing::throwsError;

Module parseText(const std::string& text) { return parse(Source{"k.py", text}); }

ExprPtr expr(const std::string& text) { return parseExpression(text, "<expr>"); }

std::string sexpr(const Expr* e);

std::string sexprList(const std::vector<ExprPtr>& elts) {
  std::string out;
  for (const ExprPtr& elt : elts) {
    out += " " + sexpr(elt.get());
  }
  return out;
}

/// A fully parenthesized prefix form that shows the tree's shape:
/// `a + b * c` is `(+ a (* b c))`.
std::string sexpr(const Expr* e) {
  if (e == nullptr) {
    return "_";
  }
  switch (e->kind) {
  case ExprKind::Name:
    return e->id;
  case ExprKind::Int:
  case ExprKind::Float:
  case ExprKind::Str:
  case ExprKind::Bool:
  case ExprKind::None:
    return str(*e);
  case ExprKind::Tuple:
    return "(tuple" + sexprList(e->elts) + ")";
  case ExprKind::List:
    return "(list" + sexprList(e->elts) + ")";
  case ExprKind::Set:
    return "(set" + sexprList(e->elts) + ")";
  case ExprKind::Attribute:
    return "(. " + sexpr(e->value.get()) + " " + e->id + ")";
  case ExprKind::Subscript:
    return "(sub " + sexpr(e->value.get()) + " " + sexpr(e->index.get()) + ")";
  case ExprKind::Slice:
    return "(slice " + sexpr(e->lower.get()) + " " + sexpr(e->upper.get()) + " " +
           sexpr(e->step.get()) + ")";
  case ExprKind::Call: {
    std::string out = "(call " + sexpr(e->value.get()) + sexprList(e->elts);
    for (const Keyword& k : e->keywords) {
      out += " " + k.name + "=" + sexpr(k.value.get());
    }
    return out + ")";
  }
  case ExprKind::BinOp:
    return std::string("(") + spelling(e->binop) + " " + sexpr(e->left.get()) + " " +
           sexpr(e->right.get()) + ")";
  case ExprKind::UnaryOp:
    return std::string("(") + spelling(e->unop) + " " + sexpr(e->value.get()) + ")";
  case ExprKind::BoolOp:
    return std::string(e->boolop == BoolOpKind::And ? "(and" : "(or") + sexprList(e->elts) + ")";
  case ExprKind::Compare: {
    std::string out = "(cmp " + sexpr(e->left.get());
    for (size_t i = 0; i < e->cmpops.size(); ++i) {
      out += std::string(" ") + spelling(e->cmpops[i]) + " " + sexpr(e->elts[i].get());
    }
    return out + ")";
  }
  case ExprKind::IfExp:
    return "(if " + sexpr(e->test.get()) + " " + sexpr(e->body.get()) + " " +
           sexpr(e->orelse.get()) + ")";
  }
  return "?";
}

std::string tree(const std::string& text) { return sexpr(expr(text).get()); }

/// The Syntax error parsing `text` raises, holding `fragment`, at line:col of k.py.
void expectSyntaxError(const std::string& text, const std::string& fragment, int line, int col) {
  SCOPED_TRACE(text);
  EXPECT_TRUE(throwsError([&] { parseText(text); }, ErrorKind::Syntax, {fragment}));
  std::optional<Error> error = captureError([&] { parseText(text); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->loc().file, "k.py");
  EXPECT_EQ(error->loc().line, line);
  EXPECT_EQ(error->loc().col, col);
}

/// `body` wrapped in a def, so that it is parsed strictly.
std::string inDef(const std::string& body) { return "def f():\n" + body; }

const Stmt& only(const Module& m) {
  EXPECT_EQ(m.body.size(), 1u);
  return *m.body.at(0);
}

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

// ---- statements ---------------------------------------------------------------

TEST(ParserStmt, FunctionDefWithTypeParamsDefaultsAndReturn) {
  Module m = parseText("def gemm[T, M: int32](A: T[M, N], x: int32 = 3, y=4,) -> T[M, N]:\n"
                       "    pass\n");
  const Stmt& f = only(m);
  ASSERT_EQ(f.kind, StmtKind::FunctionDef);
  EXPECT_EQ(f.name, "gemm");
  ASSERT_EQ(f.typeParams.size(), 2u);
  EXPECT_EQ(f.typeParams[0].name, "T");
  EXPECT_EQ(f.typeParams[0].annotation, nullptr);
  EXPECT_EQ(f.typeParams[1].name, "M");
  EXPECT_EQ(str(*f.typeParams[1].annotation), "int32");
  EXPECT_EQ(f.typeParams[1].loc.col, 13);
  ASSERT_EQ(f.params.size(), 3u);
  EXPECT_EQ(str(*f.params[0].annotation), "T[M, N]");
  EXPECT_EQ(f.params[0].defaultValue, nullptr);
  EXPECT_EQ(str(*f.params[1].defaultValue), "3");
  EXPECT_EQ(f.params[2].annotation, nullptr);
  EXPECT_EQ(str(*f.params[2].defaultValue), "4");
  EXPECT_EQ(str(*f.returns), "T[M, N]");
  ASSERT_EQ(f.body.size(), 1u);
  EXPECT_EQ(f.body[0]->kind, StmtKind::Pass);
  EXPECT_EQ(f.endLine, 2);
}

TEST(ParserStmt, BadSignaturesAreRefused) {
  expectSyntaxError("def f(a=1, b):\n  pass\n", "parameter 'b' without a default follows", 1, 12);
  expectSyntaxError("def f(a, a):\n  pass\n", "duplicate parameter 'a'", 1, 10);
  expectSyntaxError("def f(*args):\n  pass\n", "'*', '**' and '/' parameters", 1, 7);
  expectSyntaxError("def f[](a):\n  pass\n", "expected a type parameter name, found ']'", 1, 7);
  expectSyntaxError("def f(class):\n  pass\n", "expected a parameter name, found name 'class'", 1,
                    7);
  expectSyntaxError("def f() -> int32\n  pass\n",
                    "expected ':' after the signature of 'f', found end of line", 1, 17);
  expectSyntaxError("def (a):\n  pass\n", "a function name after 'def'", 1, 5);
}

TEST(ParserStmt, DecoratorsAreAnyExpression) {
  Module m = parseText("@df.region()\n"
                       "def top():\n"
                       "    @df.kernel(mapping=[2, 2])\n"
                       "    @other\n"
                       "    def inner(A: float32[M]):\n"
                       "        pass\n");
  const Stmt& top = only(m);
  ASSERT_EQ(top.decorators.size(), 1u);
  EXPECT_EQ(str(*top.decorators[0]), "df.region()");
  EXPECT_EQ(top.loc.line, 2); // a def is located at `def`, its decorators at their own '@'
  EXPECT_EQ(top.decorators[0]->loc.line, 1);
  EXPECT_EQ(top.decorators[0]->loc.col, 2);
  ASSERT_EQ(top.body.size(), 1u);
  const Stmt& inner = *top.body[0];
  EXPECT_EQ(inner.name, "inner");
  ASSERT_EQ(inner.decorators.size(), 2u);
  EXPECT_EQ(str(*inner.decorators[0]), "df.kernel(mapping=[2, 2])");
  EXPECT_EQ(str(*inner.decorators[1]), "other");
  EXPECT_EQ(inner.endLine, 6);
  EXPECT_EQ(top.endLine, 6);
  expectSyntaxError("@dec\nx = 1\n", "expected 'def' after the decorators, found name 'x'", 2, 1);
}

TEST(ParserStmt, ElifChainsNestInOrelse) {
  Module m = parseText(inDef("    if a:\n"
                             "        x = 1\n"
                             "    elif b:\n"
                             "        x = 2\n"
                             "    elif c: x = 3\n"
                             "    else:\n"
                             "        x = 4\n"
                             "    y = 5\n"));
  const Stmt& f = only(m);
  ASSERT_EQ(f.body.size(), 2u);
  const Stmt& top = *f.body[0];
  ASSERT_EQ(top.kind, StmtKind::If);
  EXPECT_EQ(str(*top.test), "a");
  EXPECT_EQ(top.endLine, 8);
  ASSERT_EQ(top.orelse.size(), 1u);
  const Stmt& elif1 = *top.orelse[0];
  EXPECT_EQ(elif1.kind, StmtKind::If);
  EXPECT_EQ(elif1.loc.line, 4);
  EXPECT_EQ(elif1.loc.col, 5);
  EXPECT_EQ(str(*elif1.test), "b");
  ASSERT_EQ(elif1.orelse.size(), 1u);
  const Stmt& elif2 = *elif1.orelse[0];
  EXPECT_EQ(str(*elif2.test), "c");
  ASSERT_EQ(elif2.body.size(), 1u);
  EXPECT_EQ(str(*elif2.body[0]->value), "3");
  ASSERT_EQ(elif2.orelse.size(), 1u);
  EXPECT_EQ(str(*elif2.orelse[0]->value), "4");
  EXPECT_EQ(elif2.endLine, 8);
  EXPECT_EQ(f.body[1]->loc.line, 9);
}

TEST(ParserStmt, LongElifChainsDoNotCountAsNesting) {
  std::string body = "    if x == 0:\n        pass\n";
  for (int i = 1; i < 500; ++i) {
    body += "    elif x == " + std::to_string(i) + ":\n        pass\n";
  }
  Module m = parseText(inDef(body));
  const Stmt* s = m.body[0]->body[0].get();
  int depth = 1;
  while (!s->orelse.empty()) {
    s = s->orelse[0].get();
    ++depth;
  }
  EXPECT_EQ(depth, 500);
}

TEST(ParserStmt, ForTargetsAndLoopElse) {
  Module m = parseText(inDef("    for i, j, k in allo.grid(M, N, K, name=\"PE\"):\n"
                             "        pass\n"
                             "    for (a, b), in x, y:\n"
                             "        pass\n"
                             "    else:\n"
                             "        pass\n"
                             "    while i < N:\n"
                             "        i += 1\n"
                             "    else:\n"
                             "        pass\n"));
  const std::vector<StmtPtr>& body = only(m).body;
  ASSERT_EQ(body.size(), 3u);
  EXPECT_EQ(sexpr(body[0]->target.get()), "(tuple i j k)");
  EXPECT_EQ(body[0]->target->loc.col, 9);
  EXPECT_EQ(str(*body[0]->iter), "allo.grid(M, N, K, name=\"PE\")");
  EXPECT_TRUE(body[0]->orelse.empty());
  EXPECT_EQ(sexpr(body[1]->target.get()), "(tuple (tuple a b))");
  EXPECT_EQ(sexpr(body[1]->iter.get()), "(tuple x y)");
  EXPECT_EQ(body[1]->orelse.size(), 1u);
  EXPECT_EQ(body[1]->endLine, 7);
  EXPECT_EQ(body[2]->kind, StmtKind::While);
  EXPECT_EQ(str(*body[2]->test), "i < N");
  EXPECT_EQ(body[2]->orelse.size(), 1u);
  expectSyntaxError(inDef("    for i in range(N)\n        pass\n"),
                    "expected ':' after the for header, found end of line", 2, 22);
  expectSyntaxError(inDef("    for f() in x:\n        pass\n"), "cannot assign to 'f()'", 2, 9);
}

TEST(ParserStmt, WithItems) {
  Module m = parseText(inDef("    with allo.meta_if(i in {0, M + 1} and j == 0):\n"
                             "        pass\n"
                             "    with x as y, z:\n"
                             "        pass\n"));
  const std::vector<StmtPtr>& body = only(m).body;
  ASSERT_EQ(body.size(), 2u);
  ASSERT_EQ(body[0]->kind, StmtKind::With);
  ASSERT_EQ(body[0]->names.size(), 1u);
  EXPECT_EQ(str(*body[0]->names[0].expr), "allo.meta_if(i in {0, M + 1} and j == 0)");
  EXPECT_EQ(body[0]->names[0].name, "");
  ASSERT_EQ(body[1]->names.size(), 2u);
  EXPECT_EQ(str(*body[1]->names[0].expr), "x");
  EXPECT_EQ(body[1]->names[0].name, "y");
  EXPECT_EQ(body[1]->names[0].asname, "y");
  EXPECT_EQ(str(*body[1]->names[1].expr), "z");
  EXPECT_EQ(body[1]->names[1].loc.col, 18);
  EXPECT_EQ(body[1]->names[1].name, "");
  expectSyntaxError(inDef("    with x as y.z:\n        pass\n"),
                    "expected ':' after the with items", 2, 16);
}

TEST(ParserStmt, Imports) {
  Module m = parseText("import allo\n"
                       "import a.b as c, d\n"
                       "from allo.ir.types import (int8 as i8,\n    float32,)\n"
                       "from allo import *\n"
                       "from . import x\n"
                       "from ..pkg.mod import y\n");
  ASSERT_EQ(m.body.size(), 6u);
  EXPECT_EQ(m.body[0]->kind, StmtKind::Import);
  EXPECT_EQ(m.body[0]->names[0].name, "allo");
  const Stmt& imp = *m.body[1];
  ASSERT_EQ(imp.names.size(), 2u);
  EXPECT_EQ(imp.names[0].name, "a.b");
  EXPECT_EQ(imp.names[0].asname, "c");
  EXPECT_EQ(imp.names[1].name, "d");
  EXPECT_EQ(imp.names[1].asname, "");
  const Stmt& from = *m.body[2];
  EXPECT_EQ(from.kind, StmtKind::ImportFrom);
  EXPECT_EQ(from.module, "allo.ir.types");
  ASSERT_EQ(from.names.size(), 2u);
  EXPECT_EQ(from.names[0].name, "int8");
  EXPECT_EQ(from.names[0].asname, "i8");
  EXPECT_EQ(from.names[1].name, "float32");
  EXPECT_EQ(from.names[1].loc.line, 4);
  EXPECT_EQ(from.endLine, 4);
  EXPECT_EQ(m.body[3]->names[0].name, "*");
  EXPECT_EQ(m.body[4]->module, ".");
  EXPECT_EQ(m.body[5]->module, "..pkg.mod");
  expectSyntaxError(inDef("    from a import\n"), "a name to import, found end of line", 2, 18);
}

TEST(ParserStmt, AssignmentsTakeBareTuplesAndChains) {
  Module m = parseText("M, N = 4, 8\n"
                       "a = b = c\n"
                       "t = 1,\n"
                       "A[i, j], x.y = (p, q)\n");
  ASSERT_EQ(m.body.size(), 4u);
  const Stmt& mn = *m.body[0];
  ASSERT_EQ(mn.kind, StmtKind::Assign);
  ASSERT_EQ(mn.targets.size(), 1u);
  EXPECT_EQ(sexpr(mn.targets[0].get()), "(tuple M N)");
  EXPECT_EQ(sexpr(mn.value.get()), "(tuple 4 8)");
  EXPECT_EQ(mn.value->loc.col, 8);
  const Stmt& chain = *m.body[1];
  ASSERT_EQ(chain.targets.size(), 2u);
  EXPECT_EQ(str(*chain.targets[0]), "a");
  EXPECT_EQ(str(*chain.targets[1]), "b");
  EXPECT_EQ(str(*chain.value), "c");
  EXPECT_EQ(sexpr(m.body[2]->value.get()), "(tuple 1)");
  EXPECT_EQ(sexpr(m.body[3]->targets[0].get()), "(tuple (sub A (tuple i j)) (. x y))");
}

TEST(ParserStmt, AnnotatedAndAugmentedAssignments) {
  Module m = parseText(inDef("    C: float32[M, N] = 0.0\n"
                             "    B: int32[M]\n"
                             "    fifo: Stream[float32, 4][P0, P1]\n"
                             "    x += 1; x -= 1; x *= 2; x @= 2; x /= 2; x //= 2; x %= 2\n"
                             "    x **= 2; x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1\n"));
  const std::vector<StmtPtr>& body = only(m).body;
  ASSERT_EQ(body.size(), 16u);
  EXPECT_EQ(body[0]->kind, StmtKind::AnnAssign);
  EXPECT_EQ(str(*body[0]->target), "C");
  EXPECT_EQ(str(*body[0]->annotation), "float32[M, N]");
  EXPECT_EQ(str(*body[0]->value), "0.0");
  EXPECT_EQ(body[1]->value, nullptr);
  EXPECT_EQ(str(*body[2]->annotation), "Stream[float32, 4][P0, P1]");
  std::vector<BinaryOp> ops = {
      BinaryOp::Add,      BinaryOp::Sub,   BinaryOp::Mult,  BinaryOp::MatMult, BinaryOp::Div,
      BinaryOp::FloorDiv, BinaryOp::Mod,   BinaryOp::Pow,   BinaryOp::LShift,  BinaryOp::RShift,
      BinaryOp::BitAnd,   BinaryOp::BitOr, BinaryOp::BitXor};
  for (size_t i = 0; i < ops.size(); ++i) {
    EXPECT_EQ(body[3 + i]->kind, StmtKind::AugAssign);
    EXPECT_EQ(body[3 + i]->op, ops[i]) << i;
  }
  EXPECT_EQ(body[4]->loc.col, 13);
  EXPECT_EQ(body[4]->endLine, 5);
}

TEST(ParserStmt, AssignmentTargetsFollowPythonsRules) {
  expectSyntaxError(inDef("    f() = 1\n"), "cannot assign to 'f()'", 2, 5);
  expectSyntaxError(inDef("    a + b += 1\n"), "cannot assign to 'a + b'", 2, 5);
  expectSyntaxError(inDef("    a, b += 1\n"), "only a name, an attribute or a subscript", 2, 5);
  expectSyntaxError(inDef("    a, b: int32 = 1, 2\n"), "target of an annotated assignment", 2, 5);
  expectSyntaxError(inDef("    x = 1 = y\n"), "cannot assign to '1'", 2, 9);
  expectSyntaxError(inDef("    (x := 3)\n"), "assignment expressions", 2, 8);
}

TEST(ParserStmt, ReturnPassBreakContinueAssert) {
  Module m = parseText(inDef("    for i in x:\n"
                             "        break\n"
                             "        continue\n"
                             "    assert a < b, \"message\"\n"
                             "    assert c\n"
                             "    return A, B\n"
                             "    return\n"));
  const std::vector<StmtPtr>& body = only(m).body;
  ASSERT_EQ(body.size(), 5u);
  EXPECT_EQ(body[0]->body[0]->kind, StmtKind::Break);
  EXPECT_EQ(body[0]->body[1]->kind, StmtKind::Continue);
  EXPECT_EQ(body[1]->kind, StmtKind::Assert);
  EXPECT_EQ(str(*body[1]->test), "a < b");
  EXPECT_EQ(body[1]->value->str, "message");
  EXPECT_EQ(body[2]->value, nullptr);
  EXPECT_EQ(body[3]->kind, StmtKind::Return);
  EXPECT_EQ(sexpr(body[3]->value.get()), "(tuple A B)");
  EXPECT_EQ(body[4]->value, nullptr);
}

TEST(ParserStmt, SemicolonsAndOneLineBlocks) {
  Module m = parseText(inDef("    a = 1; b = 2;\n"
                             "    if c: pass\n"
                             "    for i in range(3): x += i; y += i\n"
                             "    while d: break\n"));
  const std::vector<StmtPtr>& body = only(m).body;
  ASSERT_EQ(body.size(), 5u);
  EXPECT_EQ(body[1]->loc.col, 12);
  EXPECT_EQ(body[2]->kind, StmtKind::If);
  EXPECT_EQ(body[2]->body[0]->kind, StmtKind::Pass);
  EXPECT_EQ(body[3]->body.size(), 2u);
  EXPECT_EQ(body[3]->body[1]->loc.col, 32);
  EXPECT_EQ(body[3]->endLine, 4);
  EXPECT_EQ(body[4]->body[0]->kind, StmtKind::Break);
  expectSyntaxError(inDef("    if c: for i in x: pass\n"),
                    "expected an expression, found name 'for'", 2, 11);
}

TEST(ParserStmt, EndLineCoversMultiLineStatements) {
  Module m = parseText("x = f(a,\n      b)\n"
                       "s = '''one\ntwo'''\n"
                       "def g():\n    y = (1 +\n         2)\n\n# trailing comment\n");
  ASSERT_EQ(m.body.size(), 3u);
  EXPECT_EQ(m.body[0]->endLine, 2);
  EXPECT_EQ(m.body[1]->loc.line, 3);
  EXPECT_EQ(m.body[1]->endLine, 4);
  EXPECT_EQ(m.body[2]->endLine, 7);
  EXPECT_EQ(m.body[2]->body[0]->endLine, 7);
}

TEST(ParserStmt, KeywordsAreNotNames) {
  expectSyntaxError(inDef("    for = 3\n"), "expected an expression, found '='", 2, 9);
  expectSyntaxError(inDef("    x = if\n"), "expected an expression, found name 'if'", 2, 9);
  expectSyntaxError(inDef("    import class\n"), "a module name, found name 'class'", 2, 12);
  // Soft keywords and builtins are ordinary names.
  Module m = parseText(inDef("    match = print + type\n"));
  EXPECT_EQ(str(*only(m).body[0]->value), "print + type");
}

// ---- strict inside def, forgiving at the top level -----------------------------

TEST(ParserTopLevel, CompoundStatementsOtherThanDefAreSkippedWhole) {
  Module m = parseText("x = 1\n"
                       "if __name__ == \"__main__\":\n"
                       "    d = {k: v for k, v in z}\n"
                       "    for q in w:\n"
                       "        pass\n"
                       "elif y:\n"
                       "  pass\n"
                       "else: pass\n"
                       "try:\n"
                       "    import numpy\n"
                       "except ImportError as e:\n"
                       "    raise\n"
                       "finally:\n"
                       "    pass\n"
                       "class C(Base):\n"
                       "    def f(self): return lambda: 0\n"
                       "for i in range(3): print(i)\n"
                       "with open('f') as f:\n"
                       "    pass\n"
                       "while True:\n"
                       "    break\n"
                       "y = 2\n");
  ASSERT_EQ(m.body.size(), 8u);
  auto expectSkipped = [&](size_t i, const std::string& header, int line, int endLine) {
    const Stmt& s = *m.body[i];
    EXPECT_EQ(s.kind, StmtKind::Skipped) << i;
    EXPECT_EQ(s.header, header);
    EXPECT_EQ(s.loc.line, line);
    EXPECT_EQ(s.loc.col, 1);
    EXPECT_EQ(s.endLine, endLine) << header;
    EXPECT_TRUE(s.body.empty());
  };
  expectSkipped(1, "if __name__ == \"__main__\":", 2, 8);
  expectSkipped(2, "try:", 9, 14);
  expectSkipped(3, "class C(Base):", 15, 16);
  expectSkipped(4, "for i in range(3): print(i)", 17, 17);
  expectSkipped(5, "with open('f') as f:", 18, 19);
  expectSkipped(6, "while True:", 20, 21);
  EXPECT_EQ(m.body[7]->kind, StmtKind::Assign);
  EXPECT_EQ(m.body[7]->loc.line, 22);
}

TEST(ParserTopLevel, DecoratedClassesAndMatchStatementsAreSkipped) {
  Module m = parseText("@dataclass\n"
                       "class P:\n"
                       "    a: int\n"
                       "match = 3\n"
                       "match command:\n"
                       "    case 1: pass\n"
                       "z = match\n");
  ASSERT_EQ(m.body.size(), 4u);
  EXPECT_EQ(m.body[0]->kind, StmtKind::Skipped);
  EXPECT_EQ(m.body[0]->header, "@dataclass");
  EXPECT_EQ(m.body[0]->endLine, 3);
  EXPECT_EQ(m.body[1]->kind, StmtKind::Assign);
  EXPECT_EQ(m.body[2]->kind, StmtKind::Skipped);
  EXPECT_EQ(m.body[2]->header, "match command:");
  EXPECT_EQ(m.body[3]->kind, StmtKind::Assign);
}

TEST(ParserTopLevel, SimpleStatementsOutsideTheSubsetBecomeUnparsed) {
  Module m = parseText("A = np.random.rand(M, K).astype(np.float32)\n"
                       "f = lambda x: x + 1\n"
                       "xs = [i * i for i in range(4)]\n"
                       "cfg = {\"a\": 1,\n       \"b\": 2}\n"
                       "a = 1; b = {}; c = 3\n"
                       "del a\n"
                       "print(f\"{a}\")\n");
  ASSERT_EQ(m.body.size(), 8u);
  EXPECT_EQ(m.body[0]->kind, StmtKind::Assign);
  auto expectUnparsed = [&](size_t i, const std::string& fragment, int line, int col, int endLine) {
    const Stmt& s = *m.body[i];
    ASSERT_EQ(s.kind, StmtKind::Unparsed) << i;
    EXPECT_NE(s.error.find(fragment), std::string::npos) << s.error;
    EXPECT_EQ(s.loc.line, line);
    EXPECT_EQ(s.loc.col, col);
    EXPECT_EQ(s.endLine, endLine);
  };
  expectUnparsed(1, "lambda expressions are not supported", 2, 1, 2);
  expectUnparsed(2, "list comprehensions are not supported", 3, 1, 3);
  expectUnparsed(3, "dict displays are not supported", 4, 1, 5);
  EXPECT_EQ(m.body[4]->kind, StmtKind::Assign); // `a = 1` before the failure is kept
  expectUnparsed(5, "empty dict", 6, 8, 6);     // the rest of the line is skipped with it
  expectUnparsed(6, "'del' statements are not supported", 7, 1, 7);
  EXPECT_EQ(m.body[7]->kind, StmtKind::Expr);
  EXPECT_EQ(m.body[1]->header, "f = lambda x: x + 1");
}

TEST(ParserTopLevel, InsideADefEverythingMustParse) {
  expectSyntaxError(inDef("    f = lambda x: x\n"), "lambda expressions are not supported", 2, 9);
  expectSyntaxError(inDef("    xs = [i for i in y]\n"), "list comprehensions", 2, 13);
  expectSyntaxError(inDef("    del x\n"), "'del' statements are not supported", 2, 5);
  expectSyntaxError(inDef("    class C:\n        pass\n"), "'class' statements are not supported",
                    2, 5);
  expectSyntaxError(inDef("    try:\n        pass\n    except:\n        pass\n"),
                    "'try' statements are not supported", 2, 5);
  expectSyntaxError(inDef("    x = 1 2\n"),
                    "expected end of line after the statement, found integer 2", 2, 11);
  // A broken def at the top level is an error too, not an Unparsed statement.
  expectSyntaxError("def f(:):\n    pass\n", "expected a parameter name, found ':'", 1, 7);
}

TEST(ParserTopLevel, LexicalErrorsAlwaysThrow) {
  // Even inside code the parser would skip.
  expectSyntaxError("if False:\n    x = $\n", "unexpected character '$'", 2, 9);
  expectSyntaxError("y = 'abc\n", "unterminated string literal", 1, 5);
}

TEST(ParserErrors, BlockStructureErrorsPointAtTheOffendingToken) {
  expectSyntaxError("def f():\nreturn 1\n",
                    "expected an indented block after the definition of 'f' on line 1, found name "
                    "'return'",
                    2, 1);
  expectSyntaxError("def f():\n    x = 1\n        y = 2\n", "unexpected indent", 3, 9);
  expectSyntaxError("  x = 1\n", "unexpected indent", 1, 3);
  expectSyntaxError(inDef("    if x:\n    y = 1\n"),
                    "expected an indented block after the 'if' statement on line 2", 3, 5);
  expectSyntaxError(inDef("    while x\n        pass\n"),
                    "expected ':' after the while condition, found end of line", 2, 12);
  expectSyntaxError(inDef("    if x:\n        pass\n    else\n        pass\n"),
                    "expected ':' after 'else'", 4, 9);
}

TEST(ParserErrors, DeepNestingIsASyntaxErrorNotACrash) {
  auto deep = [](const std::string& open, const std::string& atom, const std::string& close) {
    std::string text = "x = ";
    for (int i = 0; i < 10000; ++i) {
      text += open;
    }
    text += atom;
    for (int i = 0; i < 10000; ++i) {
      text += close;
    }
    return inDef("    " + text + "\n");
  };
  EXPECT_TRUE(throwsError([&] { parseText(deep("(", "1", ")")); }, ErrorKind::Syntax,
                          {"expression nested too deeply"}));
  EXPECT_TRUE(throwsError([&] { parseText(deep("[", "1", "]")); }, ErrorKind::Syntax,
                          {"nested too deeply"}));
  EXPECT_TRUE(throwsError([&] { parseText(deep("-", "1", "")); }, ErrorKind::Syntax,
                          {"nested too deeply"}));
  EXPECT_TRUE(throwsError([&] { parseText(deep("not ", "1", "")); }, ErrorKind::Syntax,
                          {"nested too deeply"}));
  EXPECT_TRUE(throwsError([&] { parseText(deep("2 ** ", "1", "")); }, ErrorKind::Syntax,
                          {"nested too deeply"}));
  EXPECT_TRUE(throwsError([&] { parseText(deep("a if b else ", "1", "")); }, ErrorKind::Syntax,
                          {"nested too deeply"}));
  EXPECT_TRUE(throwsError([&] { parseText(deep("f(", "1", ")")); }, ErrorKind::Syntax,
                          {"nested too deeply"}));
  std::string blocks = "def f():\n";
  for (int i = 1; i <= 300; ++i) {
    blocks += std::string(i, ' ') + "if x:\n";
  }
  blocks += std::string(301, ' ') + "pass\n";
  EXPECT_TRUE(
      throwsError([&] { parseText(blocks); }, ErrorKind::Syntax, {"blocks nested too deeply"}));
  // At the top level the same error makes the statement Unparsed.
  Module m = parseText("x = " + std::string(300, '(') + "1" + std::string(300, ')') + "\n");
  EXPECT_EQ(only(m).kind, StmtKind::Unparsed);
  // Moderate nesting is fine.
  EXPECT_EQ(tree(std::string(50, '(') + "1" + std::string(50, ')')), "1");
}

TEST(ParserErrors, RandomInputEitherParsesOrFailsWithASyntaxError) {
  std::mt19937 rng(42);
  const std::vector<std::string> pieces = {
      "def",  "f",    "(",   ")",      ":",  "\n", "    ", "x",      "=",    "1",  "if",
      "else", "elif", "for", "in",     ",",  "[",  "]",    "{",      "}",    "+",  "**",
      "-",    "not",  "and", "lambda", "@",  ".",  "'s'",  "return", "with", "as", "import",
      "from", "*",    ";",   "\\\n",   "\t", "#c", "1.5",  "class",  "try"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    size_t count = rng() % 40;
    for (size_t i = 0; i < count; ++i) {
      text += pieces[rng() % pieces.size()] + (rng() % 2 ? " " : "");
    }
    try {
      Module m = parseText(text);
      for (const StmtPtr& s : m.body) {
        EXPECT_GE(s->endLine, s->loc.line) << text;
      }
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Syntax) << e.what();
      EXPECT_EQ(e.loc().file, "k.py");
    }
  }
}

// ---- the programs of SPEC.md ---------------------------------------------------

TEST(ParserPrograms, GemmFileOfSection1) {
  Module m = parseText(R"(import allo
from allo.ir.types import int8, int16, int32, float32

M, N, K = 32, 32, 32                    # module constants: ints, floats, tuples of them

def gemm(A: float32[M, K], B: float32[K, N]) -> float32[M, N]:
    C: float32[M, N] = 0.0
    for i, j, k in allo.grid(M, N, K):
        C[i, j] += A[i, k] * B[k, j]
    return C

s = allo.customize(gemm)                # the schedule script
s.reorder("k", "j")
s.buffer_at(s.C, axis="i")
s.pipeline("j")
print(s.module)                         # IR after the steps so far
mod = s.build(target="llvm")            # CPU simulation ("llvm" is Allo's name for it)
)");
  EXPECT_EQ(m.path, "k.py");
  ASSERT_EQ(m.body.size(), 10u);
  EXPECT_EQ(m.body[1]->names.size(), 4u);
  const Stmt& gemm = *m.body[3];
  ASSERT_EQ(gemm.kind, StmtKind::FunctionDef);
  EXPECT_EQ(gemm.loc.line, 6);
  EXPECT_EQ(gemm.endLine, 10);
  ASSERT_EQ(gemm.body.size(), 3u);
  const Stmt& loop = *gemm.body[1];
  EXPECT_EQ(loop.kind, StmtKind::For);
  EXPECT_EQ(str(*loop.target), "(i, j, k)");
  ASSERT_EQ(loop.body.size(), 1u);
  const Stmt& update = *loop.body[0];
  EXPECT_EQ(update.kind, StmtKind::AugAssign);
  EXPECT_EQ(update.loc.line, 9);
  EXPECT_EQ(update.loc.col, 9);
  EXPECT_EQ(str(*update.target), "C[i, j]");
  EXPECT_EQ(sexpr(update.value.get()), "(* (sub A (tuple i k)) (sub B (tuple k j)))");
  EXPECT_EQ(update.value->right->loc.col, 30);
  EXPECT_EQ(str(*m.body[6]->value), "s.buffer_at(s.C, axis=\"i\")");
  EXPECT_EQ(m.body[9]->kind, StmtKind::Assign);
}

TEST(ParserPrograms, DataflowRegionOfSection5) {
  const std::string region = R"(@df.region()
def top(A: float32[M, K], B: float32[K, N], C: float32[M, N]):
    fifo_A: Stream[float32, 4][P0, P1]           # array of FIFOs of depth 4
    fifo_B: Stream[float32, 4][P0, P1]

    @df.kernel(mapping=[P0, P1], args=[A, B, C])
    def gemm(A: float32[M, K], B: float32[K, N], C: float32[M, N]):
        i, j = df.get_pid()                      # compile-time constants per instance
        with allo.meta_if(i in {0, M + 1} and j in {0, N + 1}):
            pass
        with allo.meta_elif(j == 0):
            for k in range(K):
                fifo_A[i, j + 1].put(A[i - 1, k])
)";
  // The section elides the remaining branches with `...`, which kernels refuse.
  expectSyntaxError(region + "        ...                                      # get(), put()\n",
                    "Ellipsis", 14, 9);
  Module m = parseText(region + R"(        with allo.meta_else():
            c: float32 = 0
            for k in range(K):
                a: float32 = fifo_A[i, j].get()
                b: float32 = fifo_B[i, j].get()
                c += a * b
                fifo_A[i, j + 1].put(a)
                fifo_B[i + 1, j].put(b)
            C[i - 1, j - 1] = c
)");
  const Stmt& top = only(m);
  EXPECT_EQ(str(*top.decorators[0]), "df.region()");
  ASSERT_EQ(top.body.size(), 3u);
  EXPECT_EQ(top.body[0]->kind, StmtKind::AnnAssign);
  EXPECT_EQ(str(*top.body[1]->annotation), "Stream[float32, 4][P0, P1]");
  const Stmt& gemm = *top.body[2];
  ASSERT_EQ(gemm.kind, StmtKind::FunctionDef);
  EXPECT_EQ(str(*gemm.decorators[0]), "df.kernel(mapping=[P0, P1], args=[A, B, C])");
  ASSERT_EQ(gemm.body.size(), 4u);
  EXPECT_EQ(sexpr(gemm.body[0]->targets[0].get()), "(tuple i j)");
  const Stmt& metaIf = *gemm.body[1];
  EXPECT_EQ(metaIf.kind, StmtKind::With);
  EXPECT_EQ(sexpr(metaIf.names[0].expr.get()),
            "(call (. allo meta_if) (and (cmp i in (set 0 (+ M 1))) (cmp j in (set 0 (+ N 1)))))");
  const Stmt& put = *gemm.body[2]->body[0]->body[0];
  EXPECT_EQ(str(*put.value), "fifo_A[i, j + 1].put(A[i - 1, k])");
  EXPECT_EQ(put.loc.line, 13);
  const Stmt& drain = *gemm.body[3];
  EXPECT_EQ(drain.endLine, 22);
  EXPECT_EQ(top.endLine, 22);
}

TEST(ParserPrograms, OlderDataflowSpellingOfSection5) {
  Module m = parseText("@df.region()\n"
                       "def top():\n"
                       "    fifo_A = df.array(df.pipe(dtype=float32, depth=4), shape=(P0, P1))\n"
                       "    @df.kernel(mapping=[P0, P1])\n"
                       "    def gemm(A: float32[M, K]):\n"
                       "        a: float32 = fifo_A[i, j].get()\n");
  const Stmt& top = only(m);
  EXPECT_EQ(str(*top.body[0]->value), "df.array(df.pipe(dtype=float32, depth=4), shape=(P0, P1))");
  EXPECT_EQ(str(*top.body[1]->body[0]->value), "fifo_A[i, j].get()");
}

TEST(ParserPrograms, SystolicScheduleOfSection7) {
  Module m = parseText(R"(def matmul(A: int8[M, K], B: int8[K, N], C: int16[M, N]):
    for i, j in allo.grid(M, N, name="PE"):
        for k in range(K):
            C[i, j] += A[i, k] * B[k, j]

s = allo.customize(matmul)
buf_A = s.buffer_at(s.A, "j")
buf_B = s.buffer_at(s.B, "j")
pe = s.unfold("PE", axis=[0, 1], factor=[M, N])
s.partition(s.A, dim=0)
s.partition(s.B, dim=1)
s.partition(s.C, dim=[0, 1])
s.to(buf_A, pe, axis=0, depth=M + 1)
s.to(buf_B, pe, axis=1, depth=N + 1)
)");
  ASSERT_EQ(m.body.size(), 10u);
  for (const StmtPtr& s : m.body) {
    EXPECT_NE(s->kind, StmtKind::Unparsed);
    EXPECT_NE(s->kind, StmtKind::Skipped);
  }
  const Stmt& loop = *m.body[0]->body[0];
  EXPECT_EQ(str(*loop.iter), "allo.grid(M, N, name=\"PE\")");
  EXPECT_EQ(loop.endLine, 4);
  const Expr& unfold = *m.body[4]->value;
  EXPECT_EQ(unfold.keywords.size(), 2u);
  EXPECT_EQ(sexpr(unfold.keywords[1].value.get()), "(list M N)");
  const Expr& to = *m.body[8]->value;
  EXPECT_EQ(sexpr(to.keywords[1].value.get()), "(+ M 1)");
  EXPECT_EQ(m.body[9]->loc.line, 14);
}

TEST(ParserPrograms, CompositionOfSection7) {
  Module m = parseText(R"(def top(X: int8[M, K], W_A: int8[K, N], W_B: int8[N, K]) -> int8[M, K]:
    Y: int8[M, N] = 0
    Z: int8[M, K] = 0
    matmul(X, W_A, Y)
    matmul(Y, W_B, Z)
    return Z

s_top = allo.customize(top)
s_top.compose(s_matmul)
)");
  ASSERT_EQ(m.body.size(), 3u);
  const Stmt& top = *m.body[0];
  ASSERT_EQ(top.body.size(), 5u);
  EXPECT_EQ(top.body[2]->kind, StmtKind::Expr);
  EXPECT_EQ(str(*top.body[2]->value), "matmul(X, W_A, Y)");
  EXPECT_EQ(str(*m.body[2]->value), "s_top.compose(s_matmul)");
}

} // namespace
} // namespace polyallo::allo
