// The lexer: Python's tokens, with INDENT / DEDENT / NEWLINE as Python
// produces them (implicit line joining inside brackets, backslash
// continuation, comments and blank lines dropped).
//
//   for i in range(N):        NAME NAME NAME NAME ( NAME ) : NEWLINE
//       A[i] = 0              INDENT NAME [ NAME ] = INT NEWLINE
//                             DEDENT END
#pragma once

#include "frontends/allo/Source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polyallo::allo {

enum class TokenKind {
  Name,    // identifiers and keywords (`for`, `def`, `True`, ...)
  Int,     // decimal, 0x, 0o, 0b, with `_` separators; value in intValue
  Float,   // 1.5, 1e-3, .5, 1.; value in floatValue
  String,  // '...', "...", triple-quoted, with prefixes r/b/f/u; decoded text in text
  Op,      // operators and delimiters: `+`, `**=`, `->`, `(`, `:=`, ...
  Newline, // end of a logical line
  Indent,
  Dedent,
  End, // end of input (after the final Newline and Dedents)
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text; // Name/Op: the spelling; String: the decoded value; Int/Float: the spelling
  uint64_t intValue = 0; // Int; a literal >= 2^64 is a Syntax error
  double floatValue = 0.0;
  SourceLoc loc; // first character (1-based line and column)

  bool is(TokenKind k, const char* t) const { return kind == k && text == t; }
  bool isOp(const char* t) const { return is(TokenKind::Op, t); }
  bool isName(const char* t) const { return is(TokenKind::Name, t); }
};

/// Tokenizes `source`. Throws Error(Syntax) with the location for a bad
/// character, an unterminated string, an inconsistent dedent, unbalanced
/// brackets or tabs mixed with spaces in one indentation.
std::vector<Token> lex(const Source& source);

/// "name 'for'", "integer 3", "'('", "end of line", "indent", "end of file": for messages.
std::string describe(const Token& token);

} // namespace polyallo::allo
