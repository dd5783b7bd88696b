// Expressions: Python's precedence levels from conditional expressions down
// to atoms, with the nesting and chain limits of ParserImpl.h.
#include "frontends/allo/ParserImpl.h"

namespace polyallo::allo::parsing {

bool Parser::startsExpression() const {
  const Token& t = peek();
  switch (t.kind) {
  case TokenKind::Name:
    return !isKeyword(t.text) ||
           isOneOf(t.text, {"True", "False", "None", "not", "lambda", "await", "yield"});
  case TokenKind::Int:
  case TokenKind::Float:
  case TokenKind::String:
    return true;
  case TokenKind::Op:
    return isOneOf(t.text, {"(", "[", "{", "-", "+", "~", "...", "*", "**"});
  default:
    return false;
  }
}

/// `a` or `a, b,` (a Tuple).
ExprPtr Parser::parseTestList() {
  ExprPtr first = parseTest();
  if (!atOp(",")) {
    return first;
  }
  ExprPtr tuple = makeExpr(ExprKind::Tuple, first->loc);
  tuple->elts.push_back(std::move(first));
  while (acceptOp(",") && startsExpression()) {
    tuple->elts.push_back(parseTest());
  }
  return tuple;
}

/// A for target: operands without comparisons, so that `in` ends it.
ExprPtr Parser::parseTargetList() {
  ExprPtr first = parseBinary(0);
  if (!atOp(",")) {
    return first;
  }
  ExprPtr tuple = makeExpr(ExprKind::Tuple, first->loc);
  tuple->elts.push_back(std::move(first));
  while (acceptOp(",") && !atKeyword("in")) {
    tuple->elts.push_back(parseBinary(0));
  }
  return tuple;
}

ExprPtr Parser::parseTest() {
  Nesting nesting(exprDepth_, peek().loc, "expression", chained_);
  if (atKeyword("lambda")) {
    fail("lambda expressions are not supported; define a function with 'def'", peek().loc);
  }
  ExprPtr body = parseBoolOp(BoolOpKind::Or);
  if (!atKeyword("if")) {
    return body;
  }
  next();
  ExprPtr e = makeExpr(ExprKind::IfExp, body->loc);
  e->body = std::move(body);
  e->test = parseBoolOp(BoolOpKind::Or);
  expectKeyword("else", "in the conditional expression 'x if c else y'");
  e->orelse = parseTest();
  return e;
}

/// `a or b or c` (one BoolOp), and likewise `and`, which binds tighter.
ExprPtr Parser::parseBoolOp(BoolOpKind kind) {
  const char* word = kind == BoolOpKind::Or ? "or" : "and";
  auto operand = [&] {
    return kind == BoolOpKind::Or ? parseBoolOp(BoolOpKind::And) : parseNotTest();
  };
  ExprPtr first = operand();
  if (!atKeyword(word)) {
    return first;
  }
  ExprPtr e = makeExpr(ExprKind::BoolOp, first->loc);
  e->boolop = kind;
  e->elts.push_back(std::move(first));
  while (acceptKeyword(word)) {
    e->elts.push_back(operand());
  }
  return e;
}

ExprPtr Parser::parseNotTest() {
  if (!atKeyword("not")) {
    return parseComparison();
  }
  Nesting nesting(exprDepth_, peek().loc, "expression", chained_);
  ExprPtr e = makeExpr(ExprKind::UnaryOp, next().loc);
  e->unop = UnaryOpKind::Not;
  e->value = parseNotTest();
  return e;
}

bool Parser::atComparison() const {
  const Token& t = peek();
  if (t.kind == TokenKind::Op) {
    return isOneOf(t.text, {"<", ">", "==", ">=", "<=", "!="});
  }
  return t.isName("in") || t.isName("is") || (t.isName("not") && peek(1).isName("in"));
}

CmpOp Parser::parseCmpOp() {
  std::string op = next().text;
  if (op == "not") {
    next(); // in
    return CmpOp::NotIn;
  }
  if (op == "is") {
    return acceptKeyword("not") ? CmpOp::IsNot : CmpOp::Is;
  }
  static constexpr std::array<std::pair<std::string_view, CmpOp>, 7> kOps = {{{"<", CmpOp::Lt},
                                                                              {">", CmpOp::Gt},
                                                                              {"==", CmpOp::Eq},
                                                                              {">=", CmpOp::GtE},
                                                                              {"<=", CmpOp::LtE},
                                                                              {"!=", CmpOp::NotEq},
                                                                              {"in", CmpOp::In}}};
  for (const auto& [text, cmp] : kOps) {
    if (op == text) {
      return cmp;
    }
  }
  return CmpOp::Eq; // unreachable: atComparison() admitted only the operators above
}

ExprPtr Parser::parseComparison() {
  ExprPtr left = parseBinary(0);
  if (!atComparison()) {
    return left;
  }
  ExprPtr e = makeExpr(ExprKind::Compare, left->loc);
  e->left = std::move(left);
  while (atComparison()) {
    CmpOp cmp = parseCmpOp();
    e->cmpops.push_back(cmp);
    e->elts.push_back(parseBinary(0));
  }
  return e;
}

/// The left-associative binary levels from `|` down to `* / // % @`.
ExprPtr Parser::parseBinary(size_t level) {
  if (level == kBinaryLevels.size()) {
    return parseFactor();
  }
  ExprPtr left = parseBinary(level + 1);
  struct Links { // releases this chain's links however the loop ends
    int& chained;
    int n = 0;
    ~Links() { chained -= n; }
  } links{chained_};
  while (true) {
    const OpEntry* match = nullptr;
    for (const OpEntry& entry : kBinaryLevels[level]) {
      if (!entry.text.empty() && peek().is(TokenKind::Op, entry.text.data())) {
        match = &entry;
      }
    }
    if (match == nullptr) {
      return left;
    }
    Nesting::tooTall(exprDepth_ + chained_, peek().loc);
    ++chained_;
    ++links.n;
    next();
    ExprPtr e = makeExpr(ExprKind::BinOp, left->loc);
    e->binop = match->op;
    e->left = std::move(left);
    e->right = parseBinary(level + 1);
    left = std::move(e);
  }
}

/// Unary `+ - ~`; they bind looser than `**` on their right (-x**2 is -(x**2)).
ExprPtr Parser::parseFactor() {
  const Token& t = peek();
  if (!t.isOp("+") && !t.isOp("-") && !t.isOp("~")) {
    return parsePower();
  }
  Nesting nesting(exprDepth_, t.loc, "expression", chained_);
  ExprPtr e = makeExpr(ExprKind::UnaryOp, t.loc);
  e->unop = t.text == "+"   ? UnaryOpKind::UAdd
            : t.text == "-" ? UnaryOpKind::USub
                            : UnaryOpKind::Invert;
  next();
  e->value = parseFactor();
  return e;
}

ExprPtr Parser::parsePower() {
  ExprPtr base = parsePrimary();
  if (!atOp("**")) {
    return base;
  }
  Nesting nesting(exprDepth_, peek().loc, "expression", chained_);
  next();
  ExprPtr e = makeExpr(ExprKind::BinOp, base->loc);
  e->binop = BinaryOp::Pow;
  e->left = std::move(base);
  e->right = parseFactor(); // right-associative, and 2 ** -1 is legal
  return e;
}

ExprPtr Parser::parsePrimary() {
  ExprPtr e = parseAtom();
  struct Links { // trailers chain like binary operators: a.b[1](2)...
    int& chained;
    int n = 0;
    ~Links() { chained -= n; }
  } links{chained_};
  while (true) {
    if (atOp(".") || atOp("(") || atOp("[")) {
      Nesting::tooTall(exprDepth_ + chained_, peek().loc);
      ++chained_;
      ++links.n;
    }
    if (acceptOp(".")) {
      ExprPtr attr = makeExpr(ExprKind::Attribute, e->loc);
      attr->nameLoc = peek().loc;
      attr->id = expectName("an attribute name after '.'");
      attr->value = std::move(e);
      e = std::move(attr);
    } else if (atOp("(")) {
      e = parseCall(std::move(e));
    } else if (atOp("[")) {
      e = parseSubscript(std::move(e));
    } else {
      return e;
    }
  }
}

ExprPtr Parser::parseCall(ExprPtr func) {
  const Token& open = next();
  ExprPtr call = makeExpr(ExprKind::Call, func->loc);
  call->value = std::move(func);
  while (!atOp(")")) {
    if (atOp("*") || atOp("**")) {
      fail("star arguments (*args, **kwargs) are not supported; pass each argument by itself",
           peek().loc);
    }
    if (at(TokenKind::Name) && !isKeyword(peek().text) && peek(1).isOp("=")) {
      Keyword kw;
      kw.loc = peek().loc;
      kw.name = next().text;
      next(); // =
      for (const Keyword& other : call->keywords) {
        if (other.name == kw.name) {
          fail(fmt::format("keyword argument repeated: {}", kw.name), kw.loc);
        }
      }
      kw.value = parseTest();
      call->keywords.push_back(std::move(kw));
    } else {
      if (!call->keywords.empty()) {
        fail("positional argument follows keyword argument; put positional arguments first",
             peek().loc);
      }
      call->elts.push_back(parseTest());
      refuseComprehension("generator expressions");
    }
    if (!acceptOp(",")) {
      break;
    }
  }
  expectOp(")", fmt::format("to close the call's '(' at {}:{}", open.loc.line, open.loc.col));
  return call;
}

ExprPtr Parser::parseSubscript(ExprPtr value) {
  const Token& open = next();
  ExprPtr e = makeExpr(ExprKind::Subscript, value->loc);
  e->value = std::move(value);
  std::vector<ExprPtr> items;
  bool tuple = false;
  while (!atOp("]")) {
    items.push_back(parseSubscriptItem());
    if (!acceptOp(",")) {
      break;
    }
    tuple = true;
  }
  if (items.empty()) {
    failExpected("an index inside '[]'");
  }
  expectOp("]", fmt::format("to close the '[' at {}:{}", open.loc.line, open.loc.col));
  if (items.size() == 1 && !tuple) {
    e->index = std::move(items[0]);
  } else {
    e->index = makeExpr(ExprKind::Tuple, items[0]->loc);
    e->index->elts = std::move(items);
  }
  return e;
}

/// An index or a slice `lower:upper:step` with every part optional.
ExprPtr Parser::parseSubscriptItem() {
  SourceLoc loc = peek().loc;
  ExprPtr lower;
  if (!atOp(":")) {
    lower = parseTest();
    if (!atOp(":")) {
      return lower;
    }
  }
  next(); // :
  ExprPtr slice = makeExpr(ExprKind::Slice, loc);
  auto part = [&] { return atOp(":") || atOp("]") || atOp(",") ? nullptr : parseTest(); };
  slice->lower = std::move(lower);
  slice->upper = part();
  if (acceptOp(":")) {
    slice->step = part();
  }
  return slice;
}

ExprPtr Parser::parseAtom() {
  const Token& t = peek();
  switch (t.kind) {
  case TokenKind::Name:
    return parseNameAtom();
  case TokenKind::Int: {
    ExprPtr e = makeExpr(ExprKind::Int, t.loc);
    e->ival = next().intValue;
    return e;
  }
  case TokenKind::Float: {
    ExprPtr e = makeExpr(ExprKind::Float, t.loc);
    e->fval = next().floatValue;
    return e;
  }
  case TokenKind::String:
    return parseStrings();
  case TokenKind::Op:
    if (t.text == "(") {
      return parseParenthesized();
    }
    if (t.text == "[") {
      return parseDisplay(ExprKind::List, "]");
    }
    if (t.text == "{") {
      return parseDisplay(ExprKind::Set, "}");
    }
    if (t.text == "...") {
      fail("'...' (Ellipsis) is not supported; write 'pass' for an empty body", t.loc);
    }
    if (t.text == "*" || t.text == "**") {
      fail("star expressions are not supported", t.loc);
    }
    break;
  default:
    break;
  }
  failExpected("an expression");
}

ExprPtr Parser::parseNameAtom() {
  const Token& t = peek();
  if (t.text == "True" || t.text == "False") {
    ExprPtr e = makeExpr(ExprKind::Bool, next().loc);
    e->bval = t.text == "True";
    return e;
  }
  if (t.text == "None") {
    return makeExpr(ExprKind::None, next().loc);
  }
  if (t.text == "yield" || t.text == "await") {
    fail(fmt::format("'{}' is not supported by polyallo", t.text), t.loc);
  }
  if (isKeyword(t.text)) {
    failExpected("an expression");
  }
  ExprPtr e = makeExpr(ExprKind::Name, t.loc);
  e->id = next().text;
  return e;
}

/// Adjacent literals concatenate: "a" "b" is "ab".
ExprPtr Parser::parseStrings() {
  ExprPtr e = makeExpr(ExprKind::Str, peek().loc);
  while (at(TokenKind::String)) {
    e->str += next().text;
  }
  return e;
}

void Parser::refuseComprehension(const char* what) const {
  if (atKeyword("for") || atKeyword("async")) {
    fail(fmt::format("{} are not supported; write the loop out", what), peek().loc);
  }
}

/// `(e)`, `()`, `(a,)`, `(a, b)`.
ExprPtr Parser::parseParenthesized() {
  const Token& open = next();
  if (acceptOp(")")) {
    return makeExpr(ExprKind::Tuple, open.loc);
  }
  ExprPtr first = parseTest();
  refuseComprehension("generator expressions");
  if (atOp(":=")) {
    fail("assignment expressions (:=) are not supported; use a separate assignment", peek().loc);
  }
  if (acceptOp(")")) {
    return first;
  }
  std::string closing = fmt::format("to close the '(' at {}:{}", open.loc.line, open.loc.col);
  if (!atOp(",")) {
    failExpected(fmt::format("',' or ')' {}", closing));
  }
  ExprPtr tuple = makeExpr(ExprKind::Tuple, open.loc);
  tuple->elts.push_back(std::move(first));
  while (acceptOp(",") && !atOp(")")) {
    tuple->elts.push_back(parseTest());
  }
  expectOp(")", closing);
  return tuple;
}

/// `[a, b]` and `{a, b}`; comprehensions and dicts are refused.
ExprPtr Parser::parseDisplay(ExprKind kind, const char* close) {
  const Token& open = next();
  ExprPtr e = makeExpr(kind, open.loc);
  if (kind == ExprKind::Set && atOp("}")) {
    fail("'{}' is an empty dict, and dicts are not supported; use a list", open.loc);
  }
  bool list = kind == ExprKind::List;
  while (!atOp(close)) {
    e->elts.push_back(parseTest());
    if (e->elts.size() == 1) {
      refuseComprehension(list ? "list comprehensions" : "set comprehensions");
      if (!list && atOp(":")) {
        fail("dict displays are not supported; use a list or separate variables", peek().loc);
      }
    }
    if (!acceptOp(",")) {
      break;
    }
  }
  expectOp(close,
           fmt::format("to close the '{}' at {}:{}", open.text, open.loc.line, open.loc.col));
  return e;
}

ExprPtr Parser::parseStandaloneExpression() {
  if (at(TokenKind::Indent)) {
    next(); // leading spaces in a command-line value
  }
  ExprPtr e = parseTestList();
  if (at(TokenKind::Newline)) {
    next();
  }
  while (at(TokenKind::Dedent)) {
    next();
  }
  if (!at(TokenKind::End)) {
    failExpected("the end of the expression");
  }
  return e;
}

} // namespace polyallo::allo::parsing
