// Subscripts as affine expressions for the QoR estimator (codegen/Estimate.h): which
// element a statement instance touches, in terms of the loop iterators a pipelined
// iteration leaves symbolic (the pipelined loop's and the outer ones), once the copies of
// its unrolled loops have their own iterator values substituted.
//
//   for i in range(8):  # pipeline        lane j = 2 of the unrolled j loop:
//     for j in range(4):  # unrolled        s[j]        -> s[2]
//       s[j] = s[j] + A[i, j]               A[i, j]     -> A[i, 2]     (i symbolic)
//       q[i] = q[i] + A[i, j]               q[i]        -> q[i]        (every lane)
//
// Two subscripts of one array name the same element when they are equal, different ones
// when some dimension differs by a constant other than zero; anything else (symbolic parts
// that differ, a subscript that is not affine: A[B[i]], i * j, a collapsed loop's iterator)
// may be either, and the estimator takes it as possibly the same (conservative).
#pragma once

#include "codegen/LoopAst.h"
#include "core/Expr.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// `constant + sum coef[x] * x` over symbolic iterators x, or unknown (not affine).
struct Affine {
  bool known = true;
  int64_t constant = 0;
  std::map<std::string, int64_t> coef; // nonzero coefficients only

  static Affine of(int64_t c);
  static Affine var(const std::string& name);
  static Affine unknown();
  bool isConstant() const { return known && coef.empty(); }
  Affine operator+(const Affine& o) const;
  Affine operator-(const Affine& o) const;
  Affine scaled(int64_t k) const;
  bool operator==(const Affine& o) const;
};

/// One access: a value per dimension.
using Subscript = std::vector<Affine>;

/// Values of AST iterators: those not in the map are symbolic (Affine::var(name)).
using IteratorValues = std::map<std::string, Affine>;
/// Values of a statement's loop variables (core::VarDecl, by identity).
using VarValues = std::map<const core::VarDecl*, Affine>;

/// The value of an AST expression (a loop bound, a User's argument, an if's condition:
/// comparisons and logic give 0 or 1 when decided, unknown otherwise).
Affine evalAst(const AstExprPtr& e, const IteratorValues& at);

/// The value of an integer expression of a statement (a subscript).
Affine evalIndex(const core::Expr& e, const VarValues& at);

/// Whether two subscripts of an array may name the same element (equal, or undecided).
bool mayAlias(const Subscript& a, const Subscript& b);
/// Whether every dimension is affine.
bool isKnown(const Subscript& s);

/// For a write `w` and a read `r` of the same array in one iteration of a loop whose
/// iterator `loop` advances by `shift` per iteration: the distances d >= 1 at which
/// w(loop) may name the element of r(loop + d * shift). Returns nullopt when no distance
/// can, 0 when any may (undecided), else the one distance that does.
std::optional<int64_t> carriedDistance(const Subscript& w, const Subscript& r,
                                       const std::string& loop, int64_t shift);

/// "[i, 2]", "[?]" for what is not affine, "" for a scalar.
std::string str(const Subscript& s);

} // namespace polyallo::codegen
