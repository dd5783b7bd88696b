// The syntax tree of a kernel file: the Python subset polyallo reads
// (Python's own node names, one struct each for expressions and statements).
// It is only syntax: names are not resolved and nothing is typed here
// (Sema does that).
//
//   C[i, j] += A[i, k] * B[k, j]
//   AugAssign{target Subscript{Name C, Tuple(i, j)}, op Add,
//             value BinOp{Mult, Subscript{Name A, ...}, Subscript{Name B, ...}}}
#pragma once

#include "core/Diagnostics.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace polyallo::allo::ast {

enum class ExprKind {
  Name,      // id
  Int,       // ival (the literal's magnitude, below 2^64)
  Float,     // fval
  Str,       // str
  Bool,      // bval (True / False)
  None,      // None
  Tuple,     // elts: `a, b` or `(a, b)`
  List,      // elts: `[a, b]`
  Set,       // elts: `{a, b}`
  Attribute, // value.attr
  Subscript, // value[index]; `A[i, j]` has a Tuple index; slices are Slice nodes
  Slice,     // lower:upper:step inside a subscript; absent parts are null
  Call,      // func(args..., keywords...)
  BinOp,     // left op right
  UnaryOp,   // op operand
  BoolOp,    // values joined by `and` / `or` (two or more)
  Compare,   // left ops[0] comparators[0] ops[1] comparators[1] ... (chained)
  IfExp,     // body if test else orelse
};

enum class BinaryOp {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  FloorDiv,
  Mod,
  Pow,
  LShift,
  RShift,
  BitAnd,
  BitOr,
  BitXor
};
enum class UnaryOpKind { UAdd, USub, Not, Invert };
enum class BoolOpKind { And, Or };
enum class CmpOp { Eq, NotEq, Lt, LtE, Gt, GtE, In, NotIn, Is, IsNot };

const char* spelling(BinaryOp op);    // "+", "//", ...
const char* spelling(UnaryOpKind op); // "-", "not", ...
const char* spelling(CmpOp op);       // "<=", "not in", ...

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// `name=value` in a call.
struct Keyword {
  std::string name;
  ExprPtr value;
  SourceLoc loc;
};

struct Expr {
  ExprKind kind = ExprKind::Name;
  SourceLoc loc;     // first token
  SourceLoc nameLoc; // Attribute: the attribute name

  std::string id;    // Name: the identifier; Attribute: the attribute name
  std::string str;   // Str
  uint64_t ival = 0; // Int (the literal's magnitude; `-x` is UnaryOp USub)
  double fval = 0.0; // Float
  bool bval = false; // Bool

  ExprPtr value;                 // Attribute/Subscript base; Call func; UnaryOp operand
  ExprPtr index;                 // Subscript index
  ExprPtr left, right;           // BinOp; Compare: left
  ExprPtr lower, upper, step;    // Slice (each may be null)
  ExprPtr test, body, orelse;    // IfExp
  std::vector<ExprPtr> elts;     // Tuple/List/Set; Call positional args; BoolOp values;
                                 // Compare comparators
  std::vector<Keyword> keywords; // Call
  BinaryOp binop = BinaryOp::Add;
  UnaryOpKind unop = UnaryOpKind::USub;
  BoolOpKind boolop = BoolOpKind::And;
  std::vector<CmpOp> cmpops; // Compare
};

/// Python-like text of an expression (for notes and messages).
std::string str(const Expr& e);

/// Calls `fn` on every direct child expression of `e` (operands, subscripts,
/// arguments, keyword values), for walks over the tree.
void forEachChild(const Expr& e, const std::function<void(const Expr&)>& fn);

enum class StmtKind {
  Expr,        // value
  Assign,      // targets[0] = ... = value (targets may be Tuples: `M, N = 4, 8`)
  AnnAssign,   // target: annotation [= value]
  AugAssign,   // target op= value
  For,         // for target in iter: body
  While,       // while test: body (parsed; kernels refuse it)
  If,          // if test: body else orelse (elif is a nested If in orelse)
  With,        // with items[0].expr [as items[0].name], ...: body
  FunctionDef, // [decorators] def name[typeParams](params) -> returns: body
  Return,      // return [value]
  Pass,
  Break,
  Continue,
  Import,     // import names[0].name [as names[0].asname], ...
  ImportFrom, // from module import names... (`*` is a name "*")
  Assert,     // assert test [, msg]
  Skipped,    // a top-level compound statement other than def (if __name__ ...,
              // for, class, try, ...): header holds its first line, body is not parsed
  Unparsed,   // a top-level simple statement outside the subset: error holds why
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

/// `name` or `name: annotation` (a type parameter), `name: annotation = default` (a parameter).
struct Param {
  std::string name;
  ExprPtr annotation;   // may be null
  ExprPtr defaultValue; // may be null
  SourceLoc loc;
};

/// `import a.b as c`, `from m import x as y`, `with e as n`.
struct Alias {
  std::string name; // dotted for Import; "" for With items without a name
  std::string asname;
  ExprPtr expr; // With: the context expression
  SourceLoc loc;
};

struct Stmt {
  StmtKind kind = StmtKind::Pass;
  SourceLoc loc;   // first token
  int endLine = 0; // last line of the statement (its block included)

  ExprPtr value;                // Expr/Assign/AnnAssign/AugAssign/Return value; Assert msg
  std::vector<ExprPtr> targets; // Assign (one per `=`)
  ExprPtr target;               // AnnAssign/AugAssign/For target
  ExprPtr annotation;           // AnnAssign
  BinaryOp op = BinaryOp::Add;  // AugAssign
  ExprPtr iter;                 // For
  ExprPtr test;                 // If/While/Assert
  std::vector<StmtPtr> body;    // For/While/If/With/FunctionDef
  std::vector<StmtPtr> orelse;  // If (and For/While `else:`, which kernels refuse)
  std::vector<Alias> names;     // Import/ImportFrom names; With items
  std::string module;           // ImportFrom: dotted module ("allo.ir.types")

  // FunctionDef
  std::string name;
  std::vector<ExprPtr> decorators;
  std::vector<Param> typeParams; // `def f[T, M: int32]`
  std::vector<Param> params;
  ExprPtr returns; // may be null

  std::string header; // Skipped: the statement's first line, trimmed
  std::string error;  // Unparsed: the syntax error that made the parser skip it
  SourceLoc errorLoc; // Unparsed: where that error is
};

/// A whole file.
struct Module {
  std::string path;
  std::vector<StmtPtr> body;
};

} // namespace polyallo::allo::ast
