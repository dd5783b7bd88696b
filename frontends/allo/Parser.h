// The parser: recursive descent over lex()'s tokens, producing ast::Module.
//
// Inside a `def` everything must parse (a Syntax error otherwise). At the top
// level, files written for Allo also hold NumPy set-up and test code: a
// compound statement other than `def` (`if __name__ == "__main__":`, `for`,
// `class`, `try`, ...) becomes a Skipped statement without parsing its block,
// and a simple statement outside the subset (a lambda, a comprehension, a
// dict) becomes an Unparsed statement holding the syntax error, so that the
// semantic pass decides whether skipping it is safe.
//
// Accepted: Python 3 expressions without comprehensions, lambdas, dicts,
// star-arguments, walrus and await; statements def (with PEP 695 type
// parameters `def f[T, M: int32](...)`), decorators, return, pass, break,
// continue, import, from-import, assert, expression statements, `=` (chained,
// tuple targets), annotated and augmented assignment, for, while, if/elif/
// else, with.
#pragma once

#include "frontends/allo/Ast.h"
#include "frontends/allo/Source.h"

namespace polyallo::allo {

/// Parses a whole file. Throws Error(Syntax) at the first error inside a def
/// (or a lexical error anywhere): "expected ':' after the for header, found ...".
ast::Module parse(const Source& source);

/// Parses `text` as one expression (command-line values such as `-D N=64`);
/// locations use `origin` as the file name.
ast::ExprPtr parseExpression(const std::string& text, const std::string& origin);

} // namespace polyallo::allo
