// The parser's statements: strict inside defs, forgiving (Skipped / Unparsed)
// for top-level set-up code, and where syntax errors point.
#include "frontends/ParserTesting.h"

#include <random>

namespace polyallo::allo::parsertest {
namespace {

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

} // namespace
} // namespace polyallo::allo::parsertest
