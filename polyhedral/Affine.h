// Conversion of affine core expressions and conditions to isl.
//
//   i + 2 * N - 1        ->  { S0[i, j] -> [(i + 2N - 1)] }
//   i >= 1 and j < i     ->  { S0[i, j] : i >= 1 and j < i }
#pragma once

#include "core/Expr.h"
#include "polyhedral/Isl.h"

#include <map>

namespace polyallo::poly {

/// Which set dimension of the statement space each loop iterator is.
using IteratorDims = std::map<const core::VarDecl*, int>;

/// `e` (core::isAffine must hold) as a piecewise affine function on `space`
/// (a set space with the module parameters). Throws Error(NonAffine) otherwise.
isl::pw_aff toPwAff(const core::Expr& e, const isl::space& space, const IteratorDims& dims);

/// `cond` (core::isAffineCondition must hold) as a subset of `space`.
isl::set toSet(const core::Expr& cond, const isl::space& space, const IteratorDims& dims);

/// The inverse of toPwAff for one affine piece: `a`, a function on a set
/// space whose dimension d is `dims[d]`, as an index expression; integer
/// divisions become floordiv by a constant. Throws Error(NonAffine) when a
/// coefficient is not an integer (the function is not integral).
///   { S[i, j] -> [(i + floor((j)/4) - 2)] }  ->  i + j // 4 - 2
core::Expr toExpr(const isl::aff& a, const std::vector<core::Expr>& dims);

} // namespace polyallo::poly
