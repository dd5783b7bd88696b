// Internal to the parser's files (Parser.cpp: the file and its statements,
// ParseExpr.cpp: expressions): the Parser class and its helpers.
#pragma once

#include "frontends/allo/Lexer.h"
#include "frontends/allo/Parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace polyallo::allo::parsing {

using namespace ast;

// Deep enough for any kernel, shallow enough that the recursion cannot
// exhaust the stack (CPython stops at 200 nested parentheses too).
constexpr int kMaxDepth = 200;
// Everything after the parser walks expression trees recursively, and a chain
// `a + b + ... + z` is as deep as it is long: nesting plus chained operators
// stay below this height.
constexpr int kMaxHeight = 1000;

inline bool isKeyword(std::string_view word) {
  static constexpr std::array<std::string_view, 35> kKeywords = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

inline bool isOneOf(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

inline std::string trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\f\r");
  if (begin == std::string::npos) {
    return "";
  }
  return s.substr(begin, s.find_last_not_of(" \t\f\r") - begin + 1);
}

inline ExprPtr makeExpr(ExprKind kind, const SourceLoc& loc) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->loc = loc;
  return e;
}

inline StmtPtr makeStmt(StmtKind kind, const SourceLoc& loc) {
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

} // namespace polyallo::allo::parsing
