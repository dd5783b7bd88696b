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

} // namespace polyallo::poly
