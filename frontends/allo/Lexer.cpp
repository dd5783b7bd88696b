#include "frontends/allo/Lexer.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace polyallo::allo {
namespace {

constexpr int kEof = -1;
constexpr int kTabSize = 8;

bool isDigit(int c) { return c >= '0' && c <= '9'; }
bool isIdentStart(int c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isIdentChar(int c) { return isIdentStart(c) || isDigit(c); }
bool isHexDigit(int c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hexValue(int c) { return isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

bool isStringPrefix(std::string_view word) {
  if (word.size() > 2) {
    return false;
  }
  std::string lower;
  for (char c : word) {
    lower += static_cast<char>(c | 0x20);
  }
  for (const char* prefix : {"r", "u", "b", "f", "rb", "br", "fr", "rf"}) {
    if (lower == prefix) {
      return true;
    }
  }
  return false;
}

/// `c` as it should appear in a message: printable ASCII as itself, anything
/// else as a byte value (it may be half of a UTF-8 sequence or a NUL).
std::string showChar(int c) {
  if (c > 32 && c < 127) {
    return fmt::format("'{}'", static_cast<char>(c));
  }
  return fmt::format("'\\x{:02x}'", c);
}

/// Appends code point `cp` to a string literal's value: raw bytes for a
/// bytes literal, UTF-8 otherwise.
void appendCodePoint(std::string& out, uint32_t cp, bool bytes) {
  if (bytes || cp < 0x80) {
    out += static_cast<char>(cp & 0xFF);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char simpleEscape(int c) {
  switch (c) {
  case 'n':
    return '\n';
  case 't':
    return '\t';
  case 'r':
    return '\r';
  case 'a':
    return '\a';
  case 'b':
    return '\b';
  case 'f':
    return '\f';
  case 'v':
    return '\v';
  case '\\':
    return '\\';
  case '\'':
    return '\'';
  case '"':
    return '"';
  default:
    return 0;
  }
}

/// An indentation measured twice: tabs to the next multiple of 8, and tabs as
/// one column. Python refuses a line whose two measures order differently
/// against the enclosing block (the meaning would depend on the tab width).
struct Indentation {
  int col = 0;
  int colTab1 = 0;
};

class Lexer {
public:
  explicit Lexer(const Source& source) : source_(source), text_(source.text) {}

  std::vector<Token> run() {
    while (true) {
      if (atLineStart_) {
        measureIndentation();
      }
      int c = at();
      if (c == kEof) {
        break;
      }
      if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
        ++pos_;
      } else if (c == '#') {
        while (at() != kEof && at() != '\n') {
          ++pos_;
        }
      } else if (c == '\n') {
        endPhysicalLine();
      } else if (c == '\\') {
        continueLine();
      } else {
        lexToken();
      }
    }
    finish();
    return std::move(tokens_);
  }

private:
  int at(size_t offset = 0) const {
    size_t i = pos_ + offset;
    return i < text_.size() ? static_cast<unsigned char>(text_[i]) : kEof;
  }
  SourceLoc here() const { return {source_.path, line_, static_cast<int>(pos_ - lineStart_ + 1)}; }
  [[noreturn]] void fail(const std::string& message, const SourceLoc& loc) const {
    throw Error(ErrorKind::Syntax, message, loc);
  }
  /// Consumes the '\n' at pos_.
  void consumeNewline() {
    ++pos_;
    ++line_;
    lineStart_ = pos_;
  }

  void measureIndentation() {
    atLineStart_ = false;
    pending_ = {};
    for (;; ++pos_) {
      int c = at();
      if (c == ' ') {
        ++pending_.col;
        ++pending_.colTab1;
      } else if (c == '\t') {
        pending_.col = (pending_.col / kTabSize + 1) * kTabSize;
        ++pending_.colTab1;
      } else if (c == '\f') {
        pending_ = {};
      } else {
        return;
      }
    }
  }

  void endPhysicalLine() {
    if (brackets_.empty()) {
      if (lineHasTokens_) {
        tokens_.push_back(Token{TokenKind::Newline, "", 0, 0.0, here()});
        lineHasTokens_ = false;
      }
      atLineStart_ = true;
    }
    consumeNewline();
  }

  void continueLine() {
    SourceLoc loc = here();
    ++pos_;
    if (at() == '\r' && at(1) == '\n') {
      ++pos_;
    }
    if (at() == kEof) {
      fail("unexpected end of file after the line continuation character '\\'", loc);
    }
    if (at() != '\n') {
      fail("unexpected character after the line continuation character '\\'; a backslash "
           "continues a line only as its last character",
           loc);
    }
    consumeNewline();
  }

  /// Every token goes through here: the first one of a logical line first
  /// settles the line's indentation (so blank and comment-only lines never do).
  void emit(TokenKind kind, std::string text, const SourceLoc& loc) {
    if (!lineHasTokens_) {
      lineHasTokens_ = true;
      applyIndentation(loc);
    }
    tokens_.push_back(Token{kind, std::move(text), 0, 0.0, loc});
  }

  void applyIndentation(const SourceLoc& loc) {
    const std::string inconsistent =
        "inconsistent use of tabs and spaces in indentation; indent with spaces only";
    if (pending_.col > indents_.back().col) {
      if (pending_.colTab1 <= indents_.back().colTab1) {
        fail(inconsistent, loc);
      }
      indents_.push_back(pending_);
      tokens_.push_back(Token{TokenKind::Indent, "", 0, 0.0, loc});
      return;
    }
    while (pending_.col < indents_.back().col) {
      indents_.pop_back();
      tokens_.push_back(Token{TokenKind::Dedent, "", 0, 0.0, loc});
    }
    if (pending_.col != indents_.back().col) {
      fail("unindent does not match any outer indentation level; line it up with an "
           "enclosing block",
           loc);
    }
    if (pending_.colTab1 != indents_.back().colTab1) {
      fail(inconsistent, loc);
    }
  }

  void lexToken() {
    SourceLoc loc = here();
    int c = at();
    if (isIdentStart(c)) {
      size_t n = 1;
      while (isIdentChar(at(n))) {
        ++n;
      }
      std::string word = text_.substr(pos_, n);
      if ((at(n) == '\'' || at(n) == '"') && isStringPrefix(word)) {
        pos_ += n;
        lexString(loc, word);
        return;
      }
      pos_ += n;
      emit(TokenKind::Name, std::move(word), loc);
    } else if (isDigit(c) || (c == '.' && isDigit(at(1)))) {
      lexNumber(loc);
    } else if (c == '\'' || c == '"') {
      lexString(loc, "");
    } else {
      lexOperator(loc);
    }
  }

  // ---- strings ----

  void lexString(const SourceLoc& loc, const std::string& prefix) {
    bool raw = false;
    bool bytes = false;
    for (char p : prefix) {
      raw |= (p | 0x20) == 'r';
      bytes |= (p | 0x20) == 'b';
    }
    int quote = at();
    bool triple = at(1) == quote && at(2) == quote;
    pos_ += triple ? 3 : 1;
    std::string value;
    while (true) {
      int c = at();
      if (c == kEof || (c == '\n' && !triple)) {
        fail(triple ? "unterminated triple-quoted string literal; close it with the three quotes "
                      "it opened with"
                    : "unterminated string literal; close it on the same line with the quote "
                      "it opened with",
             loc);
      }
      if (c == quote && (!triple || (at(1) == quote && at(2) == quote))) {
        pos_ += triple ? 3 : 1;
        break;
      }
      if (c == '\\') {
        raw ? rawBackslash(value) : escape(value, bytes);
      } else if (c == '\n') {
        value += '\n';
        consumeNewline();
      } else if (c == '\r' && at(1) == '\n') {
        ++pos_; // CRLF inside a triple-quoted string reads as '\n', as in Python
      } else {
        value += static_cast<char>(c);
        ++pos_;
      }
    }
    emit(TokenKind::String, std::move(value), loc);
  }

  /// In a raw string a backslash stays, but still keeps the next character
  /// (a quote or a newline) from ending the literal.
  void rawBackslash(std::string& value) {
    value += '\\';
    ++pos_;
    int c = at();
    if (c == '\n') {
      value += '\n';
      consumeNewline();
    } else if (c != kEof) {
      value += static_cast<char>(c);
      ++pos_;
    }
  }

  void escape(std::string& value, bool bytes) {
    SourceLoc loc = here();
    int c = at(1);
    if (c == '\n') { // backslash-newline joins the lines inside the literal
      ++pos_;
      consumeNewline();
    } else if (c == '\r' && at(2) == '\n') {
      pos_ += 2;
      consumeNewline();
    } else if (char simple = simpleEscape(c)) {
      value += simple;
      pos_ += 2;
    } else if (c >= '0' && c <= '7') {
      uint32_t cp = 0;
      size_t n = 1;
      for (; n <= 3 && at(n) >= '0' && at(n) <= '7'; ++n) {
        cp = cp * 8 + static_cast<uint32_t>(at(n) - '0');
      }
      appendCodePoint(value, cp, bytes);
      pos_ += n;
    } else if (c == 'x' || (!bytes && (c == 'u' || c == 'U'))) {
      size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
      uint32_t cp = 0;
      for (size_t i = 0; i < digits; ++i) {
        int d = at(2 + i);
        if (!isHexDigit(d)) {
          fail(fmt::format("invalid \\{} escape: it takes exactly {} hex digits",
                           static_cast<char>(c), digits),
               loc);
        }
        cp = cp * 16 + static_cast<uint32_t>(hexValue(d));
      }
      if (cp > 0x10FFFF) {
        fail("invalid \\U escape: the code point is above U+10FFFF", loc);
      }
      appendCodePoint(value, cp, bytes);
      pos_ += 2 + digits;
    } else {
      // Python keeps unknown escapes (`\d` in a regex) as written.
      value += '\\';
      ++pos_;
    }
  }

  // ---- numbers ----

  /// Consumes digits with single `_` separators between them.
  template <class IsDigit> void scanDigits(IsDigit isDigitOf) {
    if (!isDigitOf(at())) {
      return;
    }
    while (isDigitOf(at()) || (at() == '_' && isDigitOf(at(1)))) {
      ++pos_;
    }
  }

  void lexNumber(const SourceLoc& loc) {
    size_t start = pos_;
    if (at() == '0' && isBasePrefix(at(1))) {
      lexBasedInt(loc);
      return;
    }
    scanDigits(isDigit);
    bool isFloat = false;
    if (at() == '.') {
      isFloat = true;
      ++pos_;
      scanDigits(isDigit);
    }
    bool signedExponent = (at(1) == '+' || at(1) == '-') && isDigit(at(2));
    if ((at() == 'e' || at() == 'E') && (isDigit(at(1)) || signedExponent)) {
      isFloat = true;
      pos_ += signedExponent ? 2 : 1;
      scanDigits(isDigit);
    }
    if (at() == 'j' || at() == 'J') {
      fail("imaginary literals are not supported", loc);
    }
    if (isIdentChar(at())) {
      fail("invalid decimal literal: a number must not run into a name, and '_' only "
           "separates digits",
           loc);
    }
    std::string spelling = text_.substr(start, pos_ - start);
    std::string digits;
    for (char ch : spelling) {
      if (ch != '_') {
        digits += ch;
      }
    }
    if (isFloat) {
      emitFloat(spelling, digits, loc);
      return;
    }
    if (digits.size() > 1 && digits[0] == '0' &&
        digits.find_first_not_of('0') != std::string::npos) {
      fail("leading zeros in decimal integer literals are not permitted; write 0o for octal", loc);
    }
    emitInt(spelling, digits, 10, loc);
  }

  static bool isBasePrefix(int c) {
    c |= 0x20;
    return c == 'x' || c == 'o' || c == 'b';
  }

  void lexBasedInt(const SourceLoc& loc) {
    size_t start = pos_;
    int letter = at(1) | 0x20;
    int base = letter == 'x' ? 16 : letter == 'o' ? 8 : 2;
    const char* name = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
    auto isBaseDigit = [base](int c) {
      return base == 16 ? isHexDigit(c) : c >= '0' && c < '0' + base;
    };
    pos_ += 2;
    if (at() == '_' && isBaseDigit(at(1))) {
      ++pos_; // `0x_ff` is legal
    }
    if (!isBaseDigit(at())) {
      fail(fmt::format("invalid {} literal: no digits after the prefix", name), loc);
    }
    scanDigits(isBaseDigit);
    if (isIdentChar(at())) {
      fail(fmt::format("invalid digit {} in {} literal", showChar(at()), name), here());
    }
    std::string spelling = text_.substr(start, pos_ - start);
    std::string digits;
    for (char ch : spelling.substr(2)) {
      if (ch != '_') {
        digits += ch;
      }
    }
    emitInt(spelling, digits, base, loc);
  }

  void emitInt(std::string spelling, const std::string& digits, int base, const SourceLoc& loc) {
    uint64_t value = 0;
    for (char ch : digits) {
      auto digit = static_cast<uint64_t>(hexValue(static_cast<unsigned char>(ch)));
      if (value > (UINT64_MAX - digit) / static_cast<uint64_t>(base)) {
        fail("integer literal too large: polyallo's integer literals must be below 2**64", loc);
      }
      value = value * static_cast<uint64_t>(base) + digit;
    }
    emit(TokenKind::Int, std::move(spelling), loc);
    tokens_.back().intValue = value;
  }

  void emitFloat(std::string spelling, const std::string& digits, const SourceLoc& loc) {
    double value = 0.0;
    auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
      // As in Python: too large is infinity, too small is zero.
      bool negativeExponent =
          digits.find("e-") != std::string::npos || digits.find("E-") != std::string::npos;
      value = negativeExponent ? 0.0 : HUGE_VAL;
    }
    emit(TokenKind::Float, std::move(spelling), loc);
    tokens_.back().floatValue = value;
  }

  // ---- operators and brackets ----

  void lexOperator(const SourceLoc& loc) {
    static constexpr std::array<std::string_view, 24> kMultiChar = {
        "**=", "//=", ">>=", "<<=", "...", "**", "//", ">>", "<<", "<=", ">=", "==",
        "!=",  "->",  ":=",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "@="};
    static constexpr std::string_view kSingleChar = "+-*/%@&|^~<>()[]{},:.;=";
    for (std::string_view op : kMultiChar) {
      if (text_.compare(pos_, op.size(), op) == 0) {
        pos_ += op.size();
        emit(TokenKind::Op, std::string(op), loc);
        return;
      }
    }
    int c = at();
    if (kSingleChar.find(static_cast<char>(c)) == std::string_view::npos) {
      failUnexpected(c, loc);
    }
    ++pos_;
    std::string op(1, static_cast<char>(c));
    if (c == '(' || c == '[' || c == '{') {
      brackets_.push_back(Token{TokenKind::Op, op, 0, 0.0, loc});
    } else if (c == ')' || c == ']' || c == '}') {
      closeBracket(op, loc);
    }
    emit(TokenKind::Op, std::move(op), loc);
  }

  [[noreturn]] void failUnexpected(int c, const SourceLoc& loc) const {
    if (c == '!') {
      fail("unexpected character '!'; write 'not' for negation and '!=' for inequality", loc);
    }
    if (c >= 0x80) {
      fail(fmt::format("unexpected character {}: non-ASCII text is allowed only in strings and "
                       "comments",
                       showChar(c)),
           loc);
    }
    fail(fmt::format("unexpected character {}: outside strings and comments a kernel file holds "
                     "names (letters, digits, '_'), numbers and Python's operators",
                     showChar(c)),
         loc);
  }

  void closeBracket(const std::string& close, const SourceLoc& loc) {
    if (brackets_.empty()) {
      fail(fmt::format("unmatched '{}': no bracket is open here", close), loc);
    }
    const Token& open = brackets_.back();
    static constexpr std::string_view kPairs = "()[]{}";
    if (kPairs[kPairs.find(open.text[0]) + 1] != close[0]) {
      fail(fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}' at {}:{}",
                       close, open.text, open.loc.line, open.loc.col),
           loc);
    }
    brackets_.pop_back();
  }

  void finish() {
    if (!brackets_.empty()) {
      const Token& open = brackets_.back();
      fail(fmt::format("'{}' was never closed", open.text), open.loc);
    }
    SourceLoc loc = here();
    if (lineHasTokens_) {
      tokens_.push_back(Token{TokenKind::Newline, "", 0, 0.0, loc});
    }
    for (size_t i = 1; i < indents_.size(); ++i) {
      tokens_.push_back(Token{TokenKind::Dedent, "", 0, 0.0, loc});
    }
    tokens_.push_back(Token{TokenKind::End, "", 0, 0.0, loc});
  }

  const Source& source_;
  const std::string& text_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t lineStart_ = 0;
  bool atLineStart_ = true;
  bool lineHasTokens_ = false; // the current logical line has produced a token
  Indentation pending_;        // the current logical line's indentation
  std::vector<Indentation> indents_{Indentation{}};
  std::vector<Token> brackets_; // open brackets, innermost last
  std::vector<Token> tokens_;
};

} // namespace

std::vector<Token> lex(const Source& source) { return Lexer(source).run(); }

std::string describe(const Token& token) {
  switch (token.kind) {
  case TokenKind::Name:
    return fmt::format("name '{}'", token.text);
  case TokenKind::Int:
    return fmt::format("integer {}", token.text);
  case TokenKind::Float:
    return fmt::format("number {}", token.text);
  case TokenKind::String: {
    constexpr size_t kShown = 20;
    std::string shown =
        token.text.size() > kShown ? token.text.substr(0, kShown) + "..." : token.text;
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < 32) {
        c = ' ';
      }
    }
    return fmt::format("string \"{}\"", shown);
  }
  case TokenKind::Op:
    return fmt::format("'{}'", token.text);
  case TokenKind::Newline:
    return "end of line";
  case TokenKind::Indent:
    return "indent";
  case TokenKind::Dedent:
    return "dedent";
  case TokenKind::End:
    return "end of file";
  }
  return "token";
}

} // namespace polyallo::allo
