#include "frontends/allo/Parser.h"

#include "frontends/allo/Lexer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace polyallo::allo {
namespace {

using namespace ast;

// Deep enough for any kernel, shallow enough that the recursion cannot
// exhaust the stack (CPython stops at 200 nested parentheses too).
constexpr int kMaxDepth = 200;
// Everything after the parser walks expression trees recursively, and a chain
// `a + b + ... + z` is as deep as it is long: nesting plus chained operators
// stay below this height.
constexpr int kMaxHeight = 1000;

bool isKeyword(std::string_view word) {
  static constexpr std::array<std::string_view, 35> kKeywords = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

bool isOneOf(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\f\r");
  if (begin == std::string::npos) {
    return "";
  }
  return s.substr(begin, s.find_last_not_of(" \t\f\r") - begin + 1);
}

ExprPtr makeExpr(ExprKind kind, const SourceLoc& loc) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->loc = loc;
  return e;
}

StmtPtr makeStmt(StmtKind kind, const SourceLoc& loc) {
  auto s = std::make_unique<Stmt>();
  s->kind = kind;
  s->loc = loc;
  return s;
}

struct OpEntry {
  std::string_view text;
  BinaryOp op;
};

// Binary operator levels below the unary operators, loosest first.
constexpr std::array<std::array<OpEntry, 5>, 6> kBinaryLevels = {{
    {{{"|", BinaryOp::BitOr}}},
    {{{"^", BinaryOp::BitXor}}},
    {{{"&", BinaryOp::BitAnd}}},
    {{{"<<", BinaryOp::LShift}, {">>", BinaryOp::RShift}}},
    {{{"+", BinaryOp::Add}, {"-", BinaryOp::Sub}}},
    {{{"*", BinaryOp::Mult},
      {"/", BinaryOp::Div},
      {"//", BinaryOp::FloorDiv},
      {"%", BinaryOp::Mod},
      {"@", BinaryOp::MatMult}}},
}};

constexpr std::array<OpEntry, 13> kAugmented = {{{"+=", BinaryOp::Add},
                                                 {"-=", BinaryOp::Sub},
                                                 {"*=", BinaryOp::Mult},
                                                 {"@=", BinaryOp::MatMult},
                                                 {"/=", BinaryOp::Div},
                                                 {"//=", BinaryOp::FloorDiv},
                                                 {"%=", BinaryOp::Mod},
                                                 {"**=", BinaryOp::Pow},
                                                 {"<<=", BinaryOp::LShift},
                                                 {">>=", BinaryOp::RShift},
                                                 {"&=", BinaryOp::BitAnd},
                                                 {"|=", BinaryOp::BitOr},
                                                 {"^=", BinaryOp::BitXor}}};

class Parser {
public:
  Parser(std::vector<Token> tokens, const Source* source)
      : tokens_(std::move(tokens)), source_(source) {
    if (source_ != nullptr) {
      for (size_t i = 0; i < source_->text.size(); ++i) {
        if (source_->text[i] == '\n') {
          lineStarts_.push_back(i + 1);
        }
      }
    }
  }

  Module parseModule();
  ExprPtr parseStandaloneExpression();

private:
  // ---- tokens ----
  // lex() always ends with End, so peeking past it yields End again.
  const Token& peek(size_t k = 0) const { return tokens_[std::min(pos_ + k, tokens_.size() - 1)]; }
  const Token& next() {
    const Token& t = peek();
    if (pos_ + 1 < tokens_.size()) {
      ++pos_;
    }
    if (t.kind != TokenKind::Indent && t.kind != TokenKind::Dedent && t.kind != TokenKind::End) {
      lastLine_ = t.loc.line;
    }
    return t;
  }
  bool atOp(const char* op) const { return peek().isOp(op); }
  bool atKeyword(const char* word) const { return peek().isName(word); }
  bool at(TokenKind kind) const { return peek().kind == kind; }
  bool acceptOp(const char* op) { return atOp(op) ? (next(), true) : false; }
  bool acceptKeyword(const char* word) { return atKeyword(word) ? (next(), true) : false; }
  [[noreturn]] void fail(const std::string& message, const SourceLoc& loc) const {
    throw Error(ErrorKind::Syntax, message, loc);
  }
  /// "expected WHAT, found <the current token>".
  [[noreturn]] void failExpected(const std::string& what) const {
    fail(fmt::format("expected {}, found {}", what, describe(peek())), peek().loc);
  }
  const Token& expectOp(const char* op, const std::string& context) {
    if (!atOp(op)) {
      failExpected(fmt::format("'{}' {}", op, context));
    }
    return next();
  }
  void expectKeyword(const char* word, const std::string& context) {
    if (!atKeyword(word)) {
      failExpected(fmt::format("'{}' {}", word, context));
    }
    next();
  }
  std::string expectName(const std::string& what) {
    if (!at(TokenKind::Name) || isKeyword(peek().text)) {
      failExpected(what);
    }
    return next().text;
  }
  bool startsExpression() const;
  /// The trimmed text of `loc`'s line; indexed, since Source::line scans
  /// from the start and a file may hold thousands of skipped lines.
  std::string headerLine(const SourceLoc& loc) const {
    auto index = static_cast<size_t>(loc.line - 1);
    if (source_ == nullptr || loc.line < 1 || index >= lineStarts_.size()) {
      return "";
    }
    size_t start = lineStarts_[index];
    size_t end = source_->text.find('\n', start);
    return trim(source_->text.substr(start, end == std::string::npos ? end : end - start));
  }

  // ---- top level ----
  void parseTopLevel(std::vector<StmtPtr>& body);
  void parseTopLevelSimpleLine(std::vector<StmtPtr>& body);
  bool atSkippedCompound() const;
  StmtPtr skipCompound(const SourceLoc& loc);
  void skipLogicalLine();
  void skipBlock();

  // ---- statements ----
  void parseStatement(std::vector<StmtPtr>& body);
  void parseSimpleLine(std::vector<StmtPtr>& body);
  StmtPtr parseSmallStatement();
  void parseBlock(std::vector<StmtPtr>& body, const std::string& header, const SourceLoc& loc);
  std::vector<ExprPtr> parseDecorators();
  StmtPtr parseFunctionDef(std::vector<ExprPtr> decorators);
  std::vector<Param> parseTypeParams();
  std::vector<Param> parseParams();
  StmtPtr parseIf();
  StmtPtr parseFor();
  StmtPtr parseWhile();
  StmtPtr parseWith();
  void parseLoopElse(Stmt& loop, const std::string& header);
  StmtPtr parseReturn();
  StmtPtr parseImport();
  StmtPtr parseImportFrom();
  std::string parseDottedName(const std::string& what);
  Alias parseImportAlias(bool dotted);
  StmtPtr parseAssert();
  StmtPtr parseExprStatement();
  void checkTarget(const Expr& e, bool allowTuple, const char* context) const;

  // ---- expressions ----
  ExprPtr parseTestList();
  ExprPtr parseTargetList();
  ExprPtr parseTest();
  ExprPtr parseBoolOp(BoolOpKind kind);
  ExprPtr parseNotTest();
  ExprPtr parseComparison();
  bool atComparison() const;
  CmpOp parseCmpOp();
  ExprPtr parseBinary(size_t level);
  ExprPtr parseFactor();
  ExprPtr parsePower();
  ExprPtr parsePrimary();
  ExprPtr parseCall(ExprPtr func);
  ExprPtr parseSubscript(ExprPtr value);
  ExprPtr parseSubscriptItem();
  ExprPtr parseAtom();
  ExprPtr parseNameAtom();
  ExprPtr parseStrings();
  ExprPtr parseParenthesized();
  ExprPtr parseDisplay(ExprKind kind, const char* close);
  void refuseComprehension(const char* what) const;

  std::vector<Token> tokens_;
  const Source* source_; // null for parseExpression: no header lines needed
  std::vector<size_t> lineStarts_{0};
  size_t pos_ = 0;
  int exprDepth_ = 0;  // nested expressions
  int chained_ = 0;    // binary operators in the chains being parsed
  int blockDepth_ = 0; // nested blocks (counted apart: an `if` test must not read as a block)
  int lastLine_ = 0;   // line of the last consumed real token or Newline
};

/// Counts one level of syntactic nesting for as long as it lives, so that
/// hostile input fails with a Syntax error instead of overflowing the stack.
class Nesting {
public:
  Nesting(int& depth, const SourceLoc& loc, const char* what, int chained = 0) : depth_(depth) {
    if (depth_ >= kMaxDepth) {
      throw Error(
          ErrorKind::Syntax,
          fmt::format("{} nested too deeply: polyallo accepts at most {} levels", what, kMaxDepth),
          loc);
    }
    tooTall(depth_ + chained, loc);
    ++depth_;
  }
  static void tooTall(int height, const SourceLoc& loc) {
    if (height >= kMaxHeight) {
      throw Error(ErrorKind::Syntax,
                  fmt::format("expression too long: polyallo accepts at most {} chained operators "
                              "and nesting levels; split it with intermediate variables",
                              kMaxHeight),
                  loc);
    }
  }
  ~Nesting() { --depth_; }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;

private:
  int& depth_;
};

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

// ======================================================================
// Expressions

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

} // namespace

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
