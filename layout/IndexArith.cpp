#include "layout/IndexArith.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace polyallo::layout {

using core::Expr;

Expr indexConst(int64_t v) { return core::constant(v, core::Index()); }

Expr times(const Expr& e, int64_t c) {
  int64_t v = 0;
  if (core::constantValue(e, v)) {
    return indexConst(v * c);
  }
  return c == 1 ? e : e * indexConst(c);
}

Expr plus(const Expr& a, const Expr& b) {
  int64_t x = 0, y = 0;
  bool ca = core::constantValue(a, x), cb = core::constantValue(b, y);
  if (ca && cb) {
    return indexConst(x + y);
  }
  return ca && x == 0 ? b : cb && y == 0 ? a : a + b;
}

namespace {

/// sum(coeff * var) + constant.
struct Linear {
  std::vector<std::pair<std::shared_ptr<const core::VarDecl>, int64_t>> terms;
  int64_t constant = 0;

  void add(const std::shared_ptr<const core::VarDecl>& var, int64_t coeff) {
    for (auto& [v, c] : terms) {
      if (v == var) {
        c += coeff;
        return;
      }
    }
    terms.emplace_back(var, coeff);
  }
  /// Positive terms, then the constant, then the negative terms subtracted:
  /// `i * 4 + k`, `3 - i`, `j - 1`.
  Expr expr() const {
    std::optional<Expr> e;
    for (const auto& [v, c] : terms) {
      if (c > 0) {
        e = e ? *e + times(core::varRef(v), c) : times(core::varRef(v), c);
      }
    }
    e = e ? plus(*e, indexConst(constant)) : indexConst(constant);
    for (const auto& [v, c] : terms) {
      if (c < 0) {
        int64_t k = 0;
        e = core::constantValue(*e, k) && k == 0 ? times(core::varRef(v), c)
                                                 : *e - times(core::varRef(v), -c);
      }
    }
    return *e;
  }
};

/// Adds `scale * e` to `out` when `e` is an affine expression of iterators
/// (through casts to index only: a narrower cast could wrap).
bool linearize(const Expr& e, int64_t scale, Linear& out) {
  int64_t c = 0;
  switch (e->kind) {
  case core::ExprKind::Const:
    out.constant += scale * e->ival;
    return !e->isFloatValue;
  case core::ExprKind::Var:
    out.add(e->var, scale);
    return true;
  case core::ExprKind::Cast:
    return e.type().kind == core::TypeKind::Index && linearize(e->ops[0], scale, out);
  case core::ExprKind::Unary:
    return e->unop == core::UnOp::Neg && linearize(e->ops[0], -scale, out);
  case core::ExprKind::Binary:
    switch (e->binop) {
    case core::BinOp::Add:
      return linearize(e->ops[0], scale, out) && linearize(e->ops[1], scale, out);
    case core::BinOp::Sub:
      return linearize(e->ops[0], scale, out) && linearize(e->ops[1], -scale, out);
    case core::BinOp::Mul:
      return core::constantValue(e->ops[1], c)   ? linearize(e->ops[0], scale * c, out)
             : core::constantValue(e->ops[0], c) ? linearize(e->ops[1], scale * c, out)
                                                 : false;
    default:
      return false;
    }
  default:
    return false;
  }
}

/// `e` as `c * quotient + rest` where the loops around keep 0 <= rest < c:
/// then e // c is the quotient and e % c the rest, and no division is
/// emitted (A[i * 4 + k] with 0 <= k < 4, reshaped to (8, 4), is A[i, k]).
std::optional<std::pair<Expr, Expr>> exactDivision(const Expr& e, int64_t c, const Ranges& ranges) {
  Linear all;
  if (!linearize(e, 1, all)) {
    return std::nullopt;
  }
  // Terms with a multiple of c as coefficient go to the quotient; the others
  // stay whole in the rest, whose constant is then chosen to bring its lowest
  // value into [0, c): 31 - 8i - j (0 <= j < 8) is 8 * (3 - i) + (7 - j).
  auto floorDiv = [c](int64_t a) { return a >= 0 ? a / c : -((-a + c - 1) / c); };
  Linear quotient, rest;
  int64_t low = 0, high = 0;
  for (const auto& [var, coeff] : all.terms) {
    if (coeff % c == 0) {
      quotient.add(var, coeff / c);
      continue;
    }
    auto range = ranges.find(var.get());
    if (range == ranges.end()) {
      return std::nullopt;
    }
    rest.add(var, coeff);
    auto [first, last] = range->second;
    low += coeff > 0 ? coeff * first : coeff * last;
    high += coeff > 0 ? coeff * last : coeff * first;
  }
  quotient.constant = floorDiv(all.constant + low);
  rest.constant = all.constant - quotient.constant * c;
  if (high + rest.constant >= c) {
    return std::nullopt;
  }
  return std::make_pair(quotient.expr(), rest.expr());
}

} // namespace

Expr divide(const Expr& e, int64_t c, const Ranges& ranges) {
  int64_t v = 0;
  if (core::constantValue(e, v)) {
    return indexConst(v / c); // v >= 0 for an access inside the array
  }
  if (c == 1) {
    return e;
  }
  auto exact = exactDivision(e, c, ranges);
  return exact ? exact->first : core::floordiv(e, indexConst(c));
}

Expr remainder(const Expr& e, int64_t c, const Ranges& ranges) {
  int64_t v = 0;
  if (core::constantValue(e, v)) {
    return indexConst(v % c);
  }
  if (c == 1) {
    return indexConst(0);
  }
  auto exact = exactDivision(e, c, ranges);
  return exact ? exact->second : e % indexConst(c);
}

/// Dimensions [oldBegin, oldEnd) of the old shape hold the same elements as

namespace {

/// m * ((e // s) % d), one digit of e, scaled (d == 0: no remainder).
struct Digit {
  Expr e;
  int64_t s = 1, d = 0, m = 1;
};

Digit digitOf(const Expr& x, int64_t m) {
  int64_t c = 0;
  auto byConstant = [&](const Expr& y, core::BinOp op) {
    return y->kind == core::ExprKind::Binary && y->binop == op &&
           core::constantValue(y->ops[1], c) && c > 0;
  };
  if (byConstant(x, core::BinOp::Mul)) {
    return digitOf(x->ops[0], m * c);
  }
  Digit g{x, 1, 0, m};
  if (byConstant(g.e, core::BinOp::Mod)) {
    g.d = c;
    g.e = g.e->ops[0];
  }
  if (byConstant(g.e, core::BinOp::FloorDiv)) {
    g.s = c;
    g.e = g.e->ops[0];
  }
  return g;
}

bool same(const Expr& a, const Expr& b) {
  return a.ptr() == b.ptr() || core::str(a) == core::str(b);
}

/// `fine` and `coarse` as one digit when they are adjacent digits of one
/// value: m*d * ((E // (s*d)) % d') + m * ((E // s) % d) = m * ((E // s) % (d*d')).
std::optional<Digit> merged(const Digit& coarse, const Digit& fine) {
  if (fine.d == 0 || !same(coarse.e, fine.e) || coarse.s != fine.s * fine.d ||
      coarse.m != fine.m * fine.d) {
    return std::nullopt;
  }
  return Digit{fine.e, fine.s, coarse.d == 0 ? 0 : coarse.d * fine.d, fine.m};
}

} // namespace

Expr combine(const std::vector<Expr>& digits, const std::vector<int64_t>& strides) {
  std::vector<Digit> parts;
  for (size_t k = 0; k < digits.size(); ++k) {
    parts.push_back(digitOf(digits[k], strides[k]));
  }
  for (bool again = true; again;) {
    again = false;
    for (size_t a = 0; a < parts.size() && !again; ++a) {
      for (size_t b = 0; b < parts.size() && !again; ++b) {
        if (a == b) {
          continue;
        }
        if (std::optional<Digit> g = merged(parts[a], parts[b])) {
          parts[std::min(a, b)] = *g;
          parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(std::max(a, b)));
          again = true;
        }
      }
    }
  }
  Expr sum = indexConst(0);
  for (const Digit& g : parts) {
    Expr digit = g.s == 1 ? g.e : core::floordiv(g.e, indexConst(g.s));
    sum = plus(sum, times(g.d == 0 ? digit : digit % indexConst(g.d), g.m));
  }
  return sum;
}

} // namespace polyallo::layout
