// Typed expression trees.
//
// An Expr is an immutable, shared node. Every node carries its element type;
// binary operations insert explicit casts so both operands have the type the
// operation computes in (core/Types.h's widening rules). Literals written in
// C++ (`2`, `0.5`) are "weak": they take the type of the other operand when
// that represents them exactly, as Python literals do in Allo.
//
//   Expr e = A(i, k) * B(k, j) + 1;   // reads, arithmetic, a weak literal
#pragma once

#include "core/Diagnostics.h"
#include "core/Types.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace polyallo::core {

struct ArrayDecl;

/// A loop iterator. Identity is the object, not the name.
struct VarDecl {
  std::string name;
};

enum class ExprKind {
  Const, // literal
  Var,   // loop iterator
  Param, // symbolic size parameter of the module (type index)
  Read,  // array element read; a 0-d array is a scalar
  Unary,
  Binary,
  Select, // cond ? a : b
  Call,   // math builtin
  Cast,
};

enum class UnOp { Neg, Not, BitNot };

enum class BinOp {
  Add, Sub, Mul,
  Div,      // ints: truncating (C, MLIR divsi); floats: IEEE; x / 0 == 0 for ints
  FloorDiv, // ints: floor; floats: floor(a / b)
  Mod,      // ints: C remainder (MLIR remsi); floats: fmod; x % 0 == 0 for ints
  Pow,      // floats only (ints are converted)
  Shl, Shr, BitAnd, BitOr, BitXor,
  Min, Max,
  Eq, Ne, Lt, Le, Gt, Ge, // result bool
  And, Or,                // on bools
};

enum class MathFn { Exp, Log, Log2, Log10, Sqrt, Sin, Cos, Tan, Tanh, Abs, Floor, Ceil };

const char* binOpName(BinOp op); // "+", "//", "min", "and", ...
const char* mathFnName(MathFn fn); // "exp", ...
bool isComparison(BinOp op);

class Expr;

struct ExprNode {
  ExprKind kind = ExprKind::Const;
  ElemType type;
  SourceLoc loc;
  // Const
  bool isFloatValue = false; // value held in fval (else ival)
  bool weak = false;         // untyped literal
  int64_t ival = 0;
  double fval = 0.0;
  // Var / Param
  std::shared_ptr<const VarDecl> var;
  std::string param;
  // Read
  std::shared_ptr<ArrayDecl> array;
  // Unary / Binary / Call / Cast / Select: operands; Read: indices
  std::vector<Expr> ops;
  UnOp unop = UnOp::Neg;
  BinOp binop = BinOp::Add;
  MathFn fn = MathFn::Exp;
};

class Expr {
public:
  Expr() = default;
  // Weak literals (implicit, so `A(i) + 1` reads naturally).
  Expr(int v);       // NOLINT(google-explicit-constructor)
  Expr(long v);      // NOLINT(google-explicit-constructor)
  Expr(long long v); // NOLINT(google-explicit-constructor)
  Expr(double v);    // NOLINT(google-explicit-constructor)
  explicit Expr(std::shared_ptr<const ExprNode> node) : node_(std::move(node)) {}

  bool defined() const { return node_ != nullptr; }
  const ExprNode& operator*() const { return *node_; }
  const ExprNode* operator->() const { return node_.get(); }
  const std::shared_ptr<const ExprNode>& ptr() const { return node_; }
  const ElemType& type() const { return node_->type; }

private:
  std::shared_ptr<const ExprNode> node_;
};

// ---- construction (each validates and types its operands) ----

/// A typed constant (not weak).
Expr constant(int64_t v, ElemType t);
Expr constantFloat(double v, ElemType t);
Expr varRef(std::shared_ptr<const VarDecl> var, SourceLoc loc = {});
Expr paramRef(const std::string& name, SourceLoc loc = {});
/// Reads `array[indices]`; the number of indices must equal the rank.
Expr read(std::shared_ptr<ArrayDecl> array, std::vector<Expr> indices, SourceLoc loc = {});
Expr unary(UnOp op, Expr a, SourceLoc loc = {});
Expr binary(BinOp op, Expr a, Expr b, SourceLoc loc = {});
Expr select(Expr cond, Expr a, Expr b, SourceLoc loc = {});
Expr call(MathFn fn, Expr a, SourceLoc loc = {});
/// Python truthiness as a bool: `e` itself if it is a bool, else `e != 0`
/// (a cast to bool would wrap 2 to 0). Conditions of if, select, and, or,
/// not go through this.
Expr truth(Expr e, SourceLoc loc = {});
/// Converts `a` to `t` (ints wrap, fixed truncates and wraps, float->int truncates).
Expr cast(ElemType t, Expr a, SourceLoc loc = {});
/// `a` converted to `t` if it is not already of type t; weak literals are retyped.
Expr castIfNeeded(ElemType t, Expr a, SourceLoc loc = {});

Expr operator+(Expr a, Expr b);
Expr operator-(Expr a, Expr b);
Expr operator*(Expr a, Expr b);
Expr operator/(Expr a, Expr b);
Expr operator%(Expr a, Expr b);
Expr operator<<(Expr a, Expr b);
Expr operator>>(Expr a, Expr b);
Expr operator&(Expr a, Expr b);
Expr operator|(Expr a, Expr b);
Expr operator^(Expr a, Expr b);
Expr operator-(Expr a);
Expr operator!(Expr a);
Expr operator~(Expr a);
Expr operator==(Expr a, Expr b);
Expr operator!=(Expr a, Expr b);
Expr operator<(Expr a, Expr b);
Expr operator<=(Expr a, Expr b);
Expr operator>(Expr a, Expr b);
Expr operator>=(Expr a, Expr b);
Expr operator&&(Expr a, Expr b);
Expr operator||(Expr a, Expr b);
Expr floordiv(Expr a, Expr b);
Expr min(Expr a, Expr b);
Expr max(Expr a, Expr b);
Expr pow(Expr a, Expr b);
Expr abs(Expr a);
Expr exp(Expr a);
Expr log(Expr a);
Expr log2(Expr a);
Expr log10(Expr a);
Expr sqrt(Expr a);
Expr sin(Expr a);
Expr cos(Expr a);
Expr tan(Expr a);
Expr tanh(Expr a);
Expr floor(Expr a);
Expr ceil(Expr a);

// ---- queries ----

/// True when `e` is an integer affine expression of loop iterators,
/// parameters and constants: +, -, * by a constant, floordiv / % by a
/// positive constant, min, max, integer casts.
bool isAffine(const Expr& e);
/// True when `e` is a boolean combination (and, or, not) of comparisons of
/// affine expressions: such a condition restricts an iteration domain.
bool isAffineCondition(const Expr& e);
/// The integer value if `e` is an integer constant (after casts).
bool constantValue(const Expr& e, int64_t& out);
/// Python-like text, for dumps and messages.
std::string str(const Expr& e);

} // namespace polyallo::core
