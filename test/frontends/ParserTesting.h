// Helpers shared by the parser tests (ParserExprTest, ParserTest,
// ParserProgramsTest): parsing shortcuts, a prefix form that shows a tree's
// shape, and the check of a syntax error's location.
#pragma once

#include "frontends/allo/Parser.h"

#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace polyallo::allo::parsertest {

using namespace ast;
using polyallo::testing::captureError;
using polyallo::testing::throwsError;

inline Module parseText(const std::string& text) { return parse(Source{"k.py", text}); }

inline ExprPtr expr(const std::string& text) { return parseExpression(text, "<expr>"); }

inline std::string sexpr(const Expr* e);

inline std::string sexprList(const std::vector<ExprPtr>& elts) {
  std::string out;
  for (const ExprPtr& elt : elts) {
    out += " " + sexpr(elt.get());
  }
  return out;
}

/// A fully parenthesized prefix form that shows the tree's shape:
/// `a + b * c` is `(+ a (* b c))`.
inline std::string sexpr(const Expr* e) {
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

inline std::string tree(const std::string& text) { return sexpr(expr(text).get()); }

/// The Syntax error parsing `text` raises, holding `fragment`, at line:col of k.py.
inline void expectSyntaxError(const std::string& text, const std::string& fragment, int line,
                              int col) {
  SCOPED_TRACE(text);
  EXPECT_TRUE(throwsError([&] { parseText(text); }, ErrorKind::Syntax, {fragment}));
  std::optional<Error> error = captureError([&] { parseText(text); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->loc().file, "k.py");
  EXPECT_EQ(error->loc().line, line);
  EXPECT_EQ(error->loc().col, col);
}

/// `body` wrapped in a def, so that it is parsed strictly.
inline std::string inDef(const std::string& body) { return "def f():\n" + body; }

inline const Stmt& only(const Module& m) {
  EXPECT_EQ(m.body.size(), 1u);
  return *m.body.at(0);
}

} // namespace polyallo::allo::parsertest
