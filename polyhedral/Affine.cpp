#include "polyhedral/Affine.h"

#include "polyhedral/IslShim.h"

#include <fmt/format.h>

namespace polyallo::poly {

using core::BinOp;
using core::Expr;
using core::ExprKind;

namespace {

[[noreturn]] void notAffine(const Expr& e, const char* what) {
  throw Error(ErrorKind::NonAffine,
              fmt::format("'{}' is not {}; the polyhedral model needs affine loop bounds, "
                          "conditions and subscripts (+, -, * by a constant, // and % by a "
                          "positive constant, min, max)",
                          core::str(e), what),
              e->loc);
}

isl::pw_aff constantOn(const isl::space& space, int64_t v) {
  return isl::pw_aff(space.zero_aff_on_domain().add_constant(static_cast<long>(v)));
}

} // namespace

isl::pw_aff toPwAff(const Expr& e, const isl::space& space, const IteratorDims& dims) {
  int64_t c = 0;
  switch (e->kind) {
  case ExprKind::Const:
    if (e->isFloatValue) {
      notAffine(e, "an integer expression");
    }
    return constantOn(space, e->ival);
  case ExprKind::Var: {
    auto it = dims.find(e->var.get());
    if (it == dims.end()) {
      throw Error(ErrorKind::InvalidLoop,
                  fmt::format("iterator '{}' is used outside of its loop", e->var->name), e->loc);
    }
    return isl::pw_aff(space.identity_multi_aff_on_domain().at(it->second));
  }
  case ExprKind::Param:
    return isl::pw_aff(space.param_aff_on_domain(e->param));
  case ExprKind::Cast:
    if (!e.type().isInt()) {
      notAffine(e, "an integer expression");
    }
    return toPwAff(e->ops[0], space, dims);
  case ExprKind::Unary:
    if (e->unop == core::UnOp::Neg) {
      return toPwAff(e->ops[0], space, dims).neg();
    }
    notAffine(e, "affine");
  case ExprKind::Binary: {
    const Expr& a = e->ops[0];
    const Expr& b = e->ops[1];
    switch (e->binop) {
    case BinOp::Add:
      return toPwAff(a, space, dims).add(toPwAff(b, space, dims));
    case BinOp::Sub:
      return toPwAff(a, space, dims).sub(toPwAff(b, space, dims));
    case BinOp::Min:
      return toPwAff(a, space, dims).min(toPwAff(b, space, dims));
    case BinOp::Max:
      return toPwAff(a, space, dims).max(toPwAff(b, space, dims));
    case BinOp::Mul:
      if (!core::constantValue(a, c) && !core::constantValue(b, c)) {
        notAffine(e, "affine (a product of two non-constant terms)");
      }
      return toPwAff(a, space, dims).mul(toPwAff(b, space, dims));
    case BinOp::FloorDiv:
      if (!core::constantValue(b, c) || c <= 0) {
        notAffine(e, "affine (division by a non-constant or non-positive value)");
      }
      return toPwAff(a, space, dims).div(constantOn(space, c)).floor();
    case BinOp::Mod:
      if (!core::constantValue(b, c) || c <= 0) {
        notAffine(e, "affine (modulo by a non-constant or non-positive value)");
      }
      return toPwAff(a, space, dims).mod(isl::val(space.ctx(), static_cast<long>(c)));
    default:
      notAffine(e, "affine");
    }
  }
  default:
    notAffine(e, "affine");
  }
}

isl::set toSet(const Expr& cond, const isl::space& space, const IteratorDims& dims) {
  int64_t c = 0;
  if (core::constantValue(cond, c)) {
    return c != 0 ? space.universe_set() : space.universe_set().subtract(space.universe_set());
  }
  if (cond->kind == ExprKind::Cast) {
    return toSet(cond->ops[0], space, dims);
  }
  if (cond->kind == ExprKind::Unary && cond->unop == core::UnOp::Not) {
    return space.universe_set().subtract(toSet(cond->ops[0], space, dims));
  }
  if (cond->kind != ExprKind::Binary) {
    notAffine(cond, "an affine condition");
  }
  const Expr& a = cond->ops[0];
  const Expr& b = cond->ops[1];
  switch (cond->binop) {
  case BinOp::And:
    return toSet(a, space, dims).intersect(toSet(b, space, dims));
  case BinOp::Or:
    return toSet(a, space, dims).unite(toSet(b, space, dims));
  case BinOp::Eq:
    return toPwAff(a, space, dims).eq_set(toPwAff(b, space, dims));
  case BinOp::Ne:
    return toPwAff(a, space, dims).ne_set(toPwAff(b, space, dims));
  case BinOp::Lt:
    return toPwAff(a, space, dims).lt_set(toPwAff(b, space, dims));
  case BinOp::Le:
    return toPwAff(a, space, dims).le_set(toPwAff(b, space, dims));
  case BinOp::Gt:
    return toPwAff(a, space, dims).gt_set(toPwAff(b, space, dims));
  case BinOp::Ge:
    return toPwAff(a, space, dims).ge_set(toPwAff(b, space, dims));
  default:
    notAffine(cond, "an affine condition");
  }
}

namespace {

int64_t integerOf(const isl::val& v, const isl::aff& a) {
  require(v.is_int(), ErrorKind::NonAffine,
          [&] { return fmt::format("{} has a fractional coefficient", islStr(a)); });
  return v.get_num_si();
}

/// acc + c * term, without the noise of 1 * x or + 0.
Expr addTerm(Expr acc, int64_t c, const Expr& term) {
  if (c == 0) {
    return acc;
  }
  int64_t magnitude = c < 0 && acc.defined() ? -c : c;
  Expr scaled = magnitude == 1 ? term : core::constant(magnitude, core::Index()) * term;
  if (!acc.defined()) {
    return scaled;
  }
  return c < 0 ? acc - scaled : acc + scaled;
}

} // namespace

Expr toExpr(const isl::aff& a, const std::vector<Expr>& dims) {
  AffTerms t = affTerms(a);
  Expr out;
  for (size_t d = 0; d < t.dims.size() && d < dims.size(); ++d) {
    out = addTerm(out, integerOf(t.dims[d], a), dims[d]);
  }
  for (const auto& [name, c] : t.params) {
    out = addTerm(out, integerOf(c, a), core::paramRef(name));
  }
  for (size_t k = 0; k < t.divArguments.size(); ++k) {
    const isl::aff& arg = t.divArguments[k];
    const isl::val& den = t.divDenominators[k];
    Expr quotient = core::floordiv(toExpr(arg.scale(den), dims),
                                   core::constant(den.get_num_si(), core::Index()));
    out = addTerm(out, integerOf(t.divCoefficients[k], a), quotient);
  }
  int64_t c = integerOf(t.constant, a);
  if (!out.defined()) {
    return core::constant(c, core::Index());
  }
  if (c == 0) {
    return out;
  }
  return c < 0 ? out - core::constant(-c, core::Index()) : out + core::constant(c, core::Index());
}

} // namespace polyallo::poly
