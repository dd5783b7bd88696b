// Arithmetic on index expressions for the subscripts a layout rewrite
// (reshape) builds: constants fold, loop ranges decide divisions, and the
// digits of one value recombine, so the rewritten kernel holds the
// divisions it needs and no others.
//
//   times(i, 1)                       -> i
//   divide(i * 4 + k, 4)   0 <= k < 4 -> i         remainder(i * 4 + k, 4) -> k
//   combine({x // 8, x % 8}, {8, 1})  -> x         (a reshape undone)
#pragma once

#include "core/Expr.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace polyallo::layout {

/// The constant range [first, last] of the iterator of every loop around the
/// expression (loops with non-constant bounds are absent).
using Ranges = std::map<const core::VarDecl*, std::pair<int64_t, int64_t>>;

core::Expr indexConst(int64_t v);

/// e * c and a + b.
core::Expr times(const core::Expr& e, int64_t c);
core::Expr plus(const core::Expr& a, const core::Expr& b);

/// e // c and e % c for c >= 1 and e >= 0 (a subscript inside its array).
/// When `ranges` keep e = c * q + r with 0 <= r < c for affine q and r, they
/// are q and r, without a division.
core::Expr divide(const core::Expr& e, int64_t c, const Ranges& ranges);
core::Expr remainder(const core::Expr& e, int64_t c, const Ranges& ranges);

/// sum(digits[k] * strides[k]), where terms that are consecutive digits
/// (E // s) % d of one expression E merge back into E's coarser digit.
core::Expr combine(const std::vector<core::Expr>& digits, const std::vector<int64_t>& strides);

} // namespace polyallo::layout
