// The lexer (Python's tokenization rules) and the Source helpers.
#include "frontends/allo/Lexer.h"

#include "common/ErrorTesting.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace polyallo::allo {
namespace {

using polyallo::testing::captureError;
using polyallo::testing::throwsError;

std::vector<Token> lexText(const std::string& text) { return lex(Source{"t.py", text}); }

/// Tokens as compact text: names and ops as spelled, `NL`, `IN`, `DE`, `END`,
/// ints as `#value`, strings as `'value'`.
std::string shape(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) {
      out += ' ';
    }
    switch (t.kind) {
    case TokenKind::Name:
    case TokenKind::Op:
    case TokenKind::Float:
      out += t.text;
      break;
    case TokenKind::Int:
      out += "#" + std::to_string(t.intValue);
      break;
    case TokenKind::String:
      out += "'" + t.text + "'";
      break;
    case TokenKind::Newline:
      out += "NL";
      break;
    case TokenKind::Indent:
      out += "IN";
      break;
    case TokenKind::Dedent:
      out += "DE";
      break;
    case TokenKind::End:
      out += "END";
      break;
    }
  }
  return out;
}

std::string shapeOf(const std::string& text) { return shape(lexText(text)); }

/// The Syntax error `text` raises, checked to hold `fragment`, at line:col.
void expectLexError(const std::string& text, const std::string& fragment, int line, int col) {
  SCOPED_TRACE(text);
  EXPECT_TRUE(throwsError([&] { lexText(text); }, ErrorKind::Syntax, {fragment}));
  std::optional<Error> error = captureError([&] { lexText(text); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->loc().file, "t.py");
  EXPECT_EQ(error->loc().line, line);
  EXPECT_EQ(error->loc().col, col);
}

TEST(Lexer, LoopFromTheHeaderComment) {
  std::vector<Token> tokens = lexText("for i in range(N):\n    A[i] = 0\n");
  EXPECT_EQ(shape(tokens), "for i in range ( N ) : NL IN A [ i ] = #0 NL DE END");
  EXPECT_EQ(tokens[0].kind, TokenKind::Name);
  EXPECT_EQ(tokens[3].loc.col, 10); // range
  EXPECT_EQ(tokens[8].kind, TokenKind::Newline);
  EXPECT_EQ(tokens[8].loc.line, 1);
  EXPECT_EQ(tokens[8].loc.col, 19);
  EXPECT_EQ(tokens[9].kind, TokenKind::Indent);
  EXPECT_EQ(tokens[9].loc.line, 2);
  EXPECT_EQ(tokens[9].loc.col, 5);
  EXPECT_EQ(tokens[10].text, "A");
  EXPECT_EQ(tokens[10].loc.line, 2);
  EXPECT_EQ(tokens[10].loc.col, 5);
}

TEST(Lexer, NestedBlocksCloseSeveralLevelsAtOnceAndAtEndOfFile) {
  EXPECT_EQ(shapeOf("if a:\n  if b:\n      x\n  y\nz\n"),
            "if a : NL IN if b : NL IN x NL DE y NL DE z NL END");
  EXPECT_EQ(shapeOf("if a:\n  if b:\n    x\nz\n"), "if a : NL IN if b : NL IN x NL DE DE z NL END");
  EXPECT_EQ(shapeOf("if a:\n  if b:\n    x\n"), "if a : NL IN if b : NL IN x NL DE DE END");
}

TEST(Lexer, BlankAndCommentOnlyLinesProduceNothing) {
  // A comment at any indentation and whitespace-only lines neither end a
  // logical line nor change the indentation.
  EXPECT_EQ(shapeOf("# header\n\nx = 1  # trailing\n   \n        # deep comment\n  \t\ny\n"),
            "x = #1 NL y NL END");
  EXPECT_EQ(shapeOf("def f():\n    a\n\n# gap\n    b\n"), "def f ( ) : NL IN a NL b NL DE END");
  EXPECT_EQ(shapeOf(""), "END");
  EXPECT_EQ(shapeOf("\n\n# only a comment"), "END");
}

TEST(Lexer, BracketsJoinLinesWithoutNewlineOrIndent) {
  std::vector<Token> tokens = lexText("f(a,\n        b,\n  c)\nx\n");
  EXPECT_EQ(shape(tokens), "f ( a , b , c ) NL x NL END");
  EXPECT_EQ(tokens[4].loc.line, 2);
  EXPECT_EQ(tokens[4].loc.col, 9);
  EXPECT_EQ(tokens[7].loc.line, 3); // ')'
  EXPECT_EQ(tokens[8].loc.line, 3); // the Newline ends the logical line on its last line
}

TEST(Lexer, BackslashContinuesTheLogicalLine) {
  std::vector<Token> tokens = lexText("x = 1 + \\\n      2\ny\n");
  EXPECT_EQ(shape(tokens), "x = #1 + #2 NL y NL END");
  EXPECT_EQ(tokens[4].loc.line, 2);
  EXPECT_EQ(tokens[4].loc.col, 7);
  expectLexError("x = 1 \\ 2\n", "line continuation", 1, 7);
  expectLexError("x = 1 \\", "end of file", 1, 7);
}

TEST(Lexer, StringsDecodeEscapesUnlessRaw) {
  std::vector<Token> tokens =
      lexText(R"(a = 'single' "dou'ble" '\n\t\\\'\"\x41' r'\n\'' '\q' '\u00e9')");
  ASSERT_EQ(tokens.size(), 10u);
  EXPECT_EQ(tokens[2].kind, TokenKind::String);
  EXPECT_EQ(tokens[2].text, "single");
  EXPECT_EQ(tokens[3].text, "dou'ble");
  EXPECT_EQ(tokens[4].text, "\n\t\\'\"A");
  EXPECT_EQ(tokens[5].text, "\\n\\'"); // raw: backslashes stay, the quote does not end it
  EXPECT_EQ(tokens[6].text, "\\q");    // unknown escapes are kept, as in Python
  EXPECT_EQ(tokens[7].text, "\xc3\xa9");
  EXPECT_EQ(tokens[6].loc.col, 49);
  expectLexError(R"(x = '\x4')", "\\x escape", 1, 6);
}

TEST(Lexer, TripleQuotedStringsSpanLinesAndKeepCounting) {
  std::vector<Token> tokens = lexText("s = \"\"\"one\n'two' \"x\"\nthree\"\"\"\ny = '''a''b'''\n");
  EXPECT_EQ(shape(tokens), "s = 'one\n'two' \"x\"\nthree' NL y = 'a''b' NL END");
  EXPECT_EQ(tokens[3].loc.line, 3); // the Newline after the literal
  EXPECT_EQ(tokens[4].loc.line, 4);
  EXPECT_EQ(tokens[4].loc.col, 1);
}

TEST(Lexer, StringPrefixesInAnyCase) {
  std::vector<Token> tokens =
      lexText(R"(Rb'\d' bR"\d" F"{x}\n" u'\t' fr'{a}\n' RF"z" b'\x80' rb rB)");
  EXPECT_EQ(tokens[0].text, "\\d");
  EXPECT_EQ(tokens[1].text, "\\d");
  EXPECT_EQ(tokens[2].text, "{x}\n"); // f-strings are kept as their literal text
  EXPECT_EQ(tokens[3].text, "\t");
  EXPECT_EQ(tokens[4].text, "{a}\\n");
  EXPECT_EQ(tokens[5].text, "z");
  EXPECT_EQ(tokens[6].text, "\x80");          // bytes: \x is one raw byte
  EXPECT_EQ(tokens[7].kind, TokenKind::Name); // a prefix without a quote is a name
  EXPECT_EQ(tokens[8].kind, TokenKind::Name);
  EXPECT_EQ(tokens[8].text, "rB");
}

TEST(Lexer, UnterminatedStringsPointAtTheirStart) {
  expectLexError("x = 'abc\ny = 2\n", "unterminated string literal", 1, 5);
  expectLexError("x = 1\ny = \"abc", "unterminated string literal", 2, 5);
  expectLexError("s = '''abc\n\n'' '", "unterminated triple-quoted string literal", 1, 5);
  expectLexError("x = r'abc\\", "unterminated string literal", 1, 5);
}

TEST(Lexer, IntegersInEveryBaseWithSeparators) {
  std::vector<Token> tokens =
      lexText("0 00 7 1_000_000 0x_FF 0XdeadBEEF 0o17 0O1_7 0b1010 0B_1 18446744073709551615");
  std::vector<uint64_t> values = {
      0, 0, 7, 1000000, 255, 0xdeadbeef, 15, 15, 10, 1, 18446744073709551615ull};
  ASSERT_EQ(tokens.size(), values.size() + 2);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(tokens[i].kind, TokenKind::Int) << i;
    EXPECT_EQ(tokens[i].intValue, values[i]) << tokens[i].text;
  }
  EXPECT_EQ(tokens[3].text, "1_000_000"); // the spelling is kept
  EXPECT_EQ(tokens[4].loc.col, 18);
}

TEST(Lexer, IntegerLiteralsMustFitIn64Bits) {
  expectLexError("x = 18446744073709551616", "integer literal too large", 1, 5);
  expectLexError("y = 0x1_0000_0000_0000_0000", "integer literal too large", 1, 5);
  expectLexError("0b" + std::string(65, '1'), "integer literal too large", 1, 1);
}

TEST(Lexer, FloatsInEveryForm) {
  std::vector<Token> tokens = lexText("1.5 1e-3 .5 1. 1_000.5 2E+10 3e2 0.0 1e999 1.e1");
  std::vector<double> values = {1.5, 1e-3, 0.5, 1.0, 1000.5, 2e10, 300.0, 0.0, HUGE_VAL, 10.0};
  ASSERT_EQ(tokens.size(), values.size() + 2);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(tokens[i].kind, TokenKind::Float) << tokens[i].text;
    EXPECT_EQ(tokens[i].floatValue, values[i]) << tokens[i].text;
  }
  EXPECT_EQ(tokens[4].text, "1_000.5");
  // `1..x` is the float 1. then an attribute access, as in Python.
  EXPECT_EQ(shapeOf("1..x"), "1. . x NL END");
}

TEST(Lexer, MalformedNumbersAreRefused) {
  expectLexError("x = 1__0", "invalid decimal literal", 1, 5);
  expectLexError("x = 1_", "invalid decimal literal", 1, 5);
  expectLexError("x = 12abc", "invalid decimal literal", 1, 5);
  expectLexError("x = 0x", "invalid hexadecimal literal", 1, 5);
  expectLexError("x = 0b102", "invalid digit '2' in binary literal", 1, 9);
  expectLexError("x = 012", "leading zeros", 1, 5);
  expectLexError("x = 3j", "imaginary literals", 1, 5);
}

TEST(Lexer, OperatorsTakeTheLongestMatch) {
  std::vector<Token> tokens =
      lexText("**= //= >>= <<= ... -> := != ** // >> << <= >= == += -= *= /= %= &= |= ^= @= "
              "+ - * / % @ & | ^ ~ < > ( ) [ ] { } , : . ; =");
  std::vector<std::string> ops = {"**=", "//=", ">>=", "<<=", "...", "->", ":=", "!=", "**", "//",
                                  ">>",  "<<",  "<=",  ">=",  "==",  "+=", "-=", "*=", "/=", "%=",
                                  "&=",  "|=",  "^=",  "@=",  "+",   "-",  "*",  "/",  "%",  "@",
                                  "&",   "|",   "^",   "~",   "<",   ">",  "(",  ")",  "[",  "]",
                                  "{",   "}",   ",",   ":",   ".",   ";",  "="};
  ASSERT_EQ(tokens.size(), ops.size() + 2);
  for (size_t i = 0; i < ops.size(); ++i) {
    EXPECT_TRUE(tokens[i].isOp(ops[i].c_str())) << i << ": " << tokens[i].text;
  }
  EXPECT_EQ(shapeOf("a**-b"), "a ** - b NL END");
  EXPECT_EQ(shapeOf("x.y"), "x . y NL END");
}

TEST(Lexer, EndOfFileClosesTheLastLineAndEveryBlock) {
  std::vector<Token> tokens = lexText("def f():\n    x = 1");
  EXPECT_EQ(shape(tokens), "def f ( ) : NL IN x = #1 NL DE END");
  EXPECT_EQ(tokens[10].loc.line, 2); // the synthesized Newline is on the last line
  EXPECT_EQ(shapeOf("x # no newline at the end"), "x NL END");
  EXPECT_EQ(shapeOf("x\r\ny\r\n"), "x NL y NL END"); // CRLF files
}

TEST(Lexer, BadCharactersAreReportedWhereTheyAre) {
  expectLexError("x = $y", "unexpected character '$'", 1, 5);
  expectLexError("a = 1\nb = a ? 2", "unexpected character '?'", 2, 7);
  expectLexError("if !x: pass", "'!'", 1, 4);
  expectLexError(std::string("x = \0", 5), "unexpected character '\\x00'", 1, 5);
  expectLexError("caf\xc3\xa9 = 1", "unexpected character '\\xc3'", 1, 4);
  // Outside code, any byte is fine.
  EXPECT_EQ(shapeOf("s = 'caf\xc3\xa9'  # \xe2\x86\x92 \x01"), "s = 'caf\xc3\xa9' NL END");
}

TEST(Lexer, BracketsMustBalance) {
  expectLexError("x = f(a))\n", "unmatched ')'", 1, 9);
  expectLexError("x = f(a,\n  [b\n", "'[' was never closed", 2, 3);
  expectLexError("x = (a]\n", "closing parenthesis ']' does not match opening parenthesis '('", 1,
                 7);
  expectLexError("}", "unmatched '}'", 1, 1);
}

TEST(Lexer, DedentMustMatchAnOuterLevel) {
  expectLexError("if a:\n    x\n  y\n", "unindent does not match any outer indentation level", 3,
                 3);
}

TEST(Lexer, TabsAreConsistentOrRefused) {
  // Tabs only, and tab-then-spaces on both lines, are unambiguous.
  EXPECT_EQ(shapeOf("if a:\n\tif b:\n\t\tx\n\ty\n"),
            "if a : NL IN if b : NL IN x NL DE y NL DE END");
  EXPECT_EQ(shapeOf("if a:\n\t  x\n\t  y\n"), "if a : NL IN x NL y NL DE END");
  // A tab and eight spaces are the same column only if tabs are 8 wide.
  expectLexError("if a:\n\tx\n        y\n", "inconsistent use of tabs and spaces", 3, 9);
  // Deeper with 8-wide tabs, shallower with 1-wide ones.
  expectLexError("if a:\n       x\n\ty\n", "inconsistent use of tabs and spaces", 3, 2);
}

TEST(Lexer, DescribeNamesTokensForMessages) {
  std::vector<Token> tokens = lexText("for 3 1.5 'abc' (\n)");
  EXPECT_EQ(describe(tokens[0]), "name 'for'");
  EXPECT_EQ(describe(tokens[1]), "integer 3");
  EXPECT_EQ(describe(tokens[2]), "number 1.5");
  EXPECT_EQ(describe(tokens[3]), "string \"abc\"");
  EXPECT_EQ(describe(tokens[4]), "'('");
  EXPECT_EQ(describe(tokens[6]), "end of line");
  EXPECT_EQ(describe(tokens[7]), "end of file");
  EXPECT_EQ(describe(Token{TokenKind::Indent, "", 0, 0.0, {}}), "indent");
  EXPECT_EQ(describe(Token{TokenKind::String, std::string(30, 'a'), 0, 0.0, {}}),
            "string \"" + std::string(20, 'a') + "...\"");
}

TEST(Lexer, ArbitraryBytesNeverCrash) {
  std::mt19937 rng(1234);
  const std::string alphabet = "ab1_.0xe+-*/()[]{}:,;=<>!'\"\\#\n\t  \r\f@~^%&|\x80\xff";
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    size_t length = rng() % 64;
    for (size_t i = 0; i < length; ++i) {
      text += round % 2 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    try {
      std::vector<Token> tokens = lexText(text);
      ASSERT_FALSE(tokens.empty());
      EXPECT_EQ(tokens.back().kind, TokenKind::End);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Syntax) << e.what();
      EXPECT_GE(e.loc().line, 1);
    }
  }
}

// ---- Source ------------------------------------------------------------------

TEST(Source, LinesAreOneBased) {
  Source source{"f.py", "first\n\tsecond\r\n\nlast"};
  EXPECT_EQ(source.line(1), "first");
  EXPECT_EQ(source.line(2), "\tsecond");
  EXPECT_EQ(source.line(3), "");
  EXPECT_EQ(source.line(4), "last");
  EXPECT_EQ(source.line(5), "");
  EXPECT_EQ(source.line(0), "");
}

TEST(Source, RenderErrorShowsTheLineAndACaret) {
  Source source{"gemm.py", "def f():\n    C[i, j] += D[i, k]\n"};
  Error error(ErrorKind::UnknownName, "unknown array 'D'", SourceLoc{"gemm.py", 2, 16});
  EXPECT_EQ(renderError(error, source), "gemm.py:2:16: error: unknown array 'D'\n"
                                        "    C[i, j] += D[i, k]\n"
                                        "               ^");
  // A location in another file, or without a line, gives the first line only.
  Error elsewhere(ErrorKind::Syntax, "bad", SourceLoc{"other.py", 2, 1});
  EXPECT_EQ(renderError(elsewhere, source), "other.py:2:1: error: bad");
  Error unknown(ErrorKind::Syntax, "bad");
  EXPECT_EQ(renderError(unknown, source), "error: bad");
  Error pastEnd(ErrorKind::Syntax, "bad", SourceLoc{"gemm.py", 9, 1});
  EXPECT_EQ(renderError(pastEnd, source), "gemm.py:9:1: error: bad");
}

TEST(Source, RenderErrorKeepsTabsSoTheCaretLinesUp) {
  Source source{"t.py", "\tx = $\n"};
  std::optional<Error> error = captureError([&] { lex(source); });
  ASSERT_TRUE(error);
  EXPECT_EQ(
      renderError(*error, source),
      "t.py:1:6: error: unexpected character '$': outside strings and comments a kernel file holds "
      "names (letters, digits, '_'), numbers and Python's operators\n\tx = $\n\t    ^");
}

TEST(Source, FromFileReadsBytesOrFailsWithTheReason) {
  std::string path = ::testing::TempDir() + "polyallo_source_test.py";
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string("x = 1\n\0y", 9);
  }
  Source source = Source::fromFile(path);
  EXPECT_EQ(source.path, path);
  EXPECT_EQ(source.text, std::string("x = 1\n\0y", 9));
  std::remove(path.c_str());
  EXPECT_TRUE(throwsError([&] { Source::fromFile(path); }, ErrorKind::LoadFailed,
                          {"cannot read '" + path + "'", "No such file"}));
  EXPECT_TRUE(throwsError([] { Source::fromFile("/"); }, ErrorKind::LoadFailed,
                          {"cannot read '/'", "directory"}));
}

} // namespace
} // namespace polyallo::allo
