// The file level and statements; expressions are in ParseExpr.cpp.
#include "frontends/allo/ParserImpl.h"

namespace polyallo::allo {
namespace parsing {

// ======================================================================
// Top level: def is parsed strictly, other compound statements are skipped
// and simple statements outside the subset are kept as Unparsed.

Module Parser::parseModule() {
  Module module;
  module.path = source_->path;
  while (!at(TokenKind::End)) {
    parseTopLevel(module.body);
  }
  return module;
}

void Parser::parseTopLevel(std::vector<StmtPtr>& body) {
  const Token& t = peek();
  if (t.kind == TokenKind::Indent) {
    fail("unexpected indent: a top-level statement starts in column 1", t.loc);
  }
  if (t.kind == TokenKind::Dedent || t.kind == TokenKind::Newline) {
    next(); // cannot come from lex(), but a stray token must not stop the loop
    return;
  }
  if (t.isName("def")) {
    body.push_back(parseFunctionDef({}));
  } else if (t.isOp("@")) {
    SourceLoc loc = t.loc;
    std::vector<ExprPtr> decorators = parseDecorators();
    if (atKeyword("def")) {
      body.push_back(parseFunctionDef(std::move(decorators)));
    } else if (atKeyword("class") || atKeyword("async")) {
      body.push_back(skipCompound(loc));
    } else {
      failExpected("'def' after the decorators");
    }
  } else if (atSkippedCompound()) {
    body.push_back(skipCompound(t.loc));
  } else {
    parseTopLevelSimpleLine(body);
  }
}

bool Parser::atSkippedCompound() const {
  const Token& t = peek();
  if (t.kind != TokenKind::Name) {
    return false;
  }
  if (isOneOf(t.text, {"if", "for", "while", "with", "class", "try", "async"})) {
    return true;
  }
  if (t.text != "match") { // a soft keyword: `match = 3` is an assignment
    return false;
  }
  size_t i = pos_;
  while (i + 1 < tokens_.size() && tokens_[i + 1].kind != TokenKind::Newline) {
    ++i;
  }
  return i + 2 < tokens_.size() && tokens_[i].isOp(":") && tokens_[i + 2].kind == TokenKind::Indent;
}

StmtPtr Parser::skipCompound(const SourceLoc& loc) {
  StmtPtr s = makeStmt(StmtKind::Skipped, loc);
  s->header = headerLine(loc);
  do {
    skipLogicalLine();
    skipBlock();
  } while (at(TokenKind::Name) && isOneOf(peek().text, {"elif", "else", "except", "finally"}));
  s->endLine = lastLine_;
  return s;
}

void Parser::skipLogicalLine() {
  while (!at(TokenKind::Newline) && !at(TokenKind::End)) {
    next();
  }
  if (at(TokenKind::Newline)) {
    next();
  }
}

void Parser::skipBlock() {
  if (!at(TokenKind::Indent)) {
    return;
  }
  int depth = 0;
  do {
    const Token& t = next();
    depth += t.kind == TokenKind::Indent ? 1 : t.kind == TokenKind::Dedent ? -1 : 0;
  } while (depth > 0 && !at(TokenKind::End));
}

void Parser::parseTopLevelSimpleLine(std::vector<StmtPtr>& body) {
  while (true) {
    size_t start = pos_;
    try {
      StmtPtr s = parseSmallStatement();
      if (!atOp(";") && !at(TokenKind::Newline)) {
        failExpected("end of line after the statement");
      }
      s->endLine = peek().loc.line;
      body.push_back(std::move(s));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::Syntax) {
        throw;
      }
      StmtPtr s = makeStmt(StmtKind::Unparsed, tokens_[start].loc);
      s->error = e.message();
      s->errorLoc = e.loc();
      s->header = headerLine(s->loc);
      skipLogicalLine();
      skipBlock(); // a header this parser did not recognise may own a block
      s->endLine = lastLine_;
      body.push_back(std::move(s));
      return;
    }
    if (acceptOp(";") && !at(TokenKind::Newline)) {
      continue;
    }
    next(); // the Newline
    return;
  }
}

// ======================================================================
// Statements

void Parser::parseStatement(std::vector<StmtPtr>& body) {
  const Token& t = peek();
  if (t.kind == TokenKind::Indent) {
    fail("unexpected indent: this line is indented deeper than the block it is in", t.loc);
  }
  if (t.isOp("@")) {
    std::vector<ExprPtr> decorators = parseDecorators();
    if (!atKeyword("def")) {
      failExpected("'def' after the decorators");
    }
    body.push_back(parseFunctionDef(std::move(decorators)));
    return;
  }
  if (t.kind == TokenKind::Name) {
    if (t.text == "def") {
      body.push_back(parseFunctionDef({}));
      return;
    }
    if (t.text == "if" || t.text == "for" || t.text == "while" || t.text == "with") {
      body.push_back(t.text == "if"      ? parseIf()
                     : t.text == "for"   ? parseFor()
                     : t.text == "while" ? parseWhile()
                                         : parseWith());
      return;
    }
    if (isOneOf(t.text, {"class", "try", "async"})) {
      fail(fmt::format("'{}' statements are not supported inside a kernel", t.text), t.loc);
    }
  }
  parseSimpleLine(body);
}

/// `a; b; c` up to and including the Newline.
void Parser::parseSimpleLine(std::vector<StmtPtr>& body) {
  while (true) {
    StmtPtr s = parseSmallStatement();
    if (!atOp(";") && !at(TokenKind::Newline)) {
      failExpected("end of line after the statement");
    }
    s->endLine = peek().loc.line;
    body.push_back(std::move(s));
    if (acceptOp(";") && !at(TokenKind::Newline)) {
      continue;
    }
    next(); // the Newline
    return;
  }
}

StmtPtr Parser::parseSmallStatement() {
  const Token& t = peek();
  if (t.kind == TokenKind::Name) {
    if (isOneOf(t.text, {"pass", "break", "continue"})) {
      StmtKind kind = t.text == "pass"    ? StmtKind::Pass
                      : t.text == "break" ? StmtKind::Break
                                          : StmtKind::Continue;
      return makeStmt(kind, next().loc);
    }
    if (t.text == "return") {
      return parseReturn();
    }
    if (t.text == "import") {
      return parseImport();
    }
    if (t.text == "from") {
      return parseImportFrom();
    }
    if (t.text == "assert") {
      return parseAssert();
    }
    if (isOneOf(t.text, {"del", "global", "nonlocal", "raise"})) {
      fail(fmt::format("'{}' statements are not supported by polyallo", t.text), t.loc);
    }
  }
  return parseExprStatement();
}

/// The body after a header's ':' — an indented block, or simple statements
/// on the header's own line (`if c: pass`).
void Parser::parseBlock(std::vector<StmtPtr>& body, const std::string& header,
                        const SourceLoc& loc) {
  Nesting nesting(blockDepth_, loc, "blocks");
  if (!at(TokenKind::Newline)) {
    parseSimpleLine(body);
    return;
  }
  next();
  if (!at(TokenKind::Indent)) {
    failExpected(fmt::format("an indented block after the {} on line {}", header, loc.line));
  }
  next();
  while (!at(TokenKind::Dedent) && !at(TokenKind::End)) {
    parseStatement(body);
  }
  next(); // the Dedent
}

std::vector<ExprPtr> Parser::parseDecorators() {
  std::vector<ExprPtr> decorators;
  while (acceptOp("@")) {
    decorators.push_back(parseTest());
    if (!at(TokenKind::Newline)) {
      failExpected("end of line after the decorator");
    }
    next();
  }
  return decorators;
}

StmtPtr Parser::parseFunctionDef(std::vector<ExprPtr> decorators) {
  StmtPtr s = makeStmt(StmtKind::FunctionDef, peek().loc);
  next(); // def
  s->decorators = std::move(decorators);
  s->name = expectName("a function name after 'def'");
  if (atOp("[")) {
    s->typeParams = parseTypeParams();
  }
  expectOp("(", fmt::format("to open the parameters of '{}'", s->name));
  s->params = parseParams();
  if (acceptOp("->")) {
    s->returns = parseTest();
  }
  expectOp(":", fmt::format("after the signature of '{}'", s->name));
  parseBlock(s->body, fmt::format("definition of '{}'", s->name), s->loc);
  s->endLine = lastLine_;
  return s;
}

/// `[T, M: int32]` (PEP 695).
std::vector<Param> Parser::parseTypeParams() {
  next(); // [
  std::vector<Param> params;
  do {
    if (atOp("]") && !params.empty()) {
      break; // trailing comma
    }
    if (atOp("*") || atOp("**")) {
      fail("variadic type parameters (*Ts, **P) are not supported", peek().loc);
    }
    Param p;
    p.loc = peek().loc;
    p.name = expectName("a type parameter name");
    if (acceptOp(":")) {
      p.annotation = parseTest();
    }
    params.push_back(std::move(p));
  } while (acceptOp(","));
  expectOp("]", "to close the type parameters");
  return params;
}

std::vector<Param> Parser::parseParams() {
  std::vector<Param> params;
  while (!atOp(")")) {
    if (atOp("*") || atOp("**") || atOp("/")) {
      fail("'*', '**' and '/' parameters are not supported; list every parameter by name",
           peek().loc);
    }
    Param p;
    p.loc = peek().loc;
    p.name = expectName("a parameter name");
    for (const Param& q : params) {
      if (q.name == p.name) {
        fail(fmt::format("duplicate parameter '{}' in the function definition", p.name), p.loc);
      }
    }
    if (acceptOp(":")) {
      p.annotation = parseTest();
    }
    if (acceptOp("=")) {
      p.defaultValue = parseTest();
    } else if (!params.empty() && params.back().defaultValue) {
      fail(fmt::format("parameter '{}' without a default follows a parameter with a default",
                       p.name),
           p.loc);
    }
    params.push_back(std::move(p));
    if (!acceptOp(",")) {
      break;
    }
  }
  expectOp(")", "to close the parameter list");
  return params;
}

/// elif chains become nested Ifs in orelse, built iteratively so that a long
/// chain does not count as nesting.
StmtPtr Parser::parseIf() {
  StmtPtr root = makeStmt(StmtKind::If, next().loc);
  std::vector<Stmt*> chain{root.get()};
  root->test = parseTest();
  expectOp(":", "after the if condition");
  parseBlock(root->body, "'if' statement", root->loc);
  while (atKeyword("elif")) {
    StmtPtr branch = makeStmt(StmtKind::If, next().loc);
    branch->test = parseTest();
    expectOp(":", "after the elif condition");
    parseBlock(branch->body, "'elif' statement", branch->loc);
    chain.push_back(branch.get());
    chain[chain.size() - 2]->orelse.push_back(std::move(branch));
  }
  if (atKeyword("else")) {
    SourceLoc loc = next().loc;
    expectOp(":", "after 'else'");
    parseBlock(chain.back()->orelse, "'else'", loc);
  }
  for (Stmt* s : chain) {
    s->endLine = lastLine_;
  }
  return root;
}

StmtPtr Parser::parseFor() {
  StmtPtr s = makeStmt(StmtKind::For, next().loc);
  s->target = parseTargetList();
  checkTarget(*s->target, true, "a for target");
  expectKeyword("in", "after the for target");
  s->iter = parseTestList();
  expectOp(":", "after the for header");
  parseBlock(s->body, "'for' statement", s->loc);
  parseLoopElse(*s, "for");
  s->endLine = lastLine_;
  return s;
}

StmtPtr Parser::parseWhile() {
  StmtPtr s = makeStmt(StmtKind::While, next().loc);
  s->test = parseTest();
  expectOp(":", "after the while condition");
  parseBlock(s->body, "'while' statement", s->loc);
  parseLoopElse(*s, "while");
  s->endLine = lastLine_;
  return s;
}

void Parser::parseLoopElse(Stmt& loop, const std::string& header) {
  if (atKeyword("else")) {
    SourceLoc loc = next().loc;
    expectOp(":", "after 'else'");
    parseBlock(loop.orelse, fmt::format("'else' of the '{}' loop", header), loc);
  }
}

StmtPtr Parser::parseWith() {
  StmtPtr s = makeStmt(StmtKind::With, next().loc);
  do {
    Alias item;
    item.loc = peek().loc;
    item.expr = parseTest();
    if (acceptKeyword("as")) {
      item.name = expectName("a name after 'as'");
      item.asname = item.name;
    }
    s->names.push_back(std::move(item));
  } while (acceptOp(","));
  expectOp(":", "after the with items");
  parseBlock(s->body, "'with' statement", s->loc);
  s->endLine = lastLine_;
  return s;
}

StmtPtr Parser::parseReturn() {
  StmtPtr s = makeStmt(StmtKind::Return, next().loc);
  if (!atOp(";") && !at(TokenKind::Newline)) {
    s->value = parseTestList();
  }
  return s;
}

std::string Parser::parseDottedName(const std::string& what) {
  std::string name = expectName(what);
  while (acceptOp(".")) {
    name += "." + expectName("a name after '.'");
  }
  return name;
}

Alias Parser::parseImportAlias(bool dotted) {
  Alias alias;
  alias.loc = peek().loc;
  alias.name = dotted ? parseDottedName("a module name") : expectName("a name to import");
  if (acceptKeyword("as")) {
    alias.asname = expectName("a name after 'as'");
  }
  return alias;
}

StmtPtr Parser::parseImport() {
  StmtPtr s = makeStmt(StmtKind::Import, next().loc);
  do {
    s->names.push_back(parseImportAlias(true));
  } while (acceptOp(","));
  return s;
}

StmtPtr Parser::parseImportFrom() {
  StmtPtr s = makeStmt(StmtKind::ImportFrom, next().loc);
  while (atOp(".") || atOp("...")) { // relative imports
    s->module += next().text;
  }
  if (!atKeyword("import")) {
    s->module += parseDottedName("a module name after 'from'");
  }
  expectKeyword("import", fmt::format("after 'from {}'", s->module));
  if (atOp("*")) {
    Alias star;
    star.loc = next().loc;
    star.name = "*";
    s->names.push_back(std::move(star));
    return s;
  }
  bool parenthesized = acceptOp("(");
  do {
    if (parenthesized && atOp(")") && !s->names.empty()) {
      break; // trailing comma
    }
    s->names.push_back(parseImportAlias(false));
  } while (acceptOp(","));
  if (parenthesized) {
    expectOp(")", "to close the imported names");
  }
  return s;
}

StmtPtr Parser::parseAssert() {
  StmtPtr s = makeStmt(StmtKind::Assert, next().loc);
  s->test = parseTest();
  if (acceptOp(",")) {
    s->value = parseTest();
  }
  return s;
}

StmtPtr Parser::parseExprStatement() {
  SourceLoc loc = peek().loc;
  ExprPtr first = parseTestList();
  if (acceptOp(":")) {
    checkTarget(*first, false, "an annotated assignment");
    StmtPtr s = makeStmt(StmtKind::AnnAssign, loc);
    s->target = std::move(first);
    s->annotation = parseTest();
    if (acceptOp("=")) {
      s->value = parseTestList();
    }
    return s;
  }
  for (const OpEntry& aug : kAugmented) {
    if (peek().is(TokenKind::Op, aug.text.data())) {
      checkTarget(*first, false, "an augmented assignment");
      next();
      StmtPtr s = makeStmt(StmtKind::AugAssign, loc);
      s->target = std::move(first);
      s->op = aug.op;
      s->value = parseTestList();
      return s;
    }
  }
  if (atOp(":=")) {
    fail("assignment expressions (:=) are not supported; use a separate assignment", peek().loc);
  }
  if (!atOp("=")) {
    StmtPtr s = makeStmt(StmtKind::Expr, loc);
    s->value = std::move(first);
    return s;
  }
  StmtPtr s = makeStmt(StmtKind::Assign, loc);
  ExprPtr value = std::move(first);
  while (acceptOp("=")) {
    checkTarget(*value, true, "an assignment");
    s->targets.push_back(std::move(value));
    value = parseTestList();
  }
  s->value = std::move(value);
  return s;
}

/// Python's rule for what may stand left of `=`, after `for`, or before `op=`.
void Parser::checkTarget(const Expr& e, bool allowTuple, const char* context) const {
  switch (e.kind) {
  case ExprKind::Name:
  case ExprKind::Attribute:
  case ExprKind::Subscript:
    return;
  case ExprKind::Tuple:
  case ExprKind::List:
    if (allowTuple) {
      for (const ExprPtr& elt : e.elts) {
        checkTarget(*elt, true, context);
      }
      return;
    }
    fail(fmt::format("only a name, an attribute or a subscript can be the target of {}, not '{}'",
                     context, str(e)),
         e.loc);
  default:
    fail(fmt::format("cannot assign to '{}' in {}; the target must be a name, an attribute, a "
                     "subscript or a tuple of those",
                     str(e), context),
         e.loc);
  }
}

} // namespace parsing

using parsing::Parser;

ast::Module parse(const Source& source) {
  Parser parser(lex(source), &source);
  return parser.parseModule();
}

ast::ExprPtr parseExpression(const std::string& text, const std::string& origin) {
  Source source{origin, text};
  Parser parser(lex(source), nullptr);
  return parser.parseStandaloneExpression();
}

} // namespace polyallo::allo
