#include "codegen/Subscripts.h"

#include <fmt/format.h>

#include <numeric>

namespace polyallo::codegen {

namespace {

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/// 0 or 1 for a decided comparison of `a` and `b` (their difference a constant).
Affine compare(AstOp op, const Affine& a, const Affine& b) {
  Affine d = a - b;
  if (!d.isConstant()) {
    return Affine::unknown();
  }
  int64_t v = d.constant;
  switch (op) {
  case AstOp::Eq:
    return Affine::of(v == 0);
  case AstOp::Le:
    return Affine::of(v <= 0);
  case AstOp::Lt:
    return Affine::of(v < 0);
  case AstOp::Ge:
    return Affine::of(v >= 0);
  default:
    return Affine::of(v > 0);
  }
}

} // namespace

Affine Affine::of(int64_t c) {
  Affine a;
  a.constant = c;
  return a;
}

Affine Affine::var(const std::string& name) {
  Affine a;
  a.coef[name] = 1;
  return a;
}

Affine Affine::unknown() {
  Affine a;
  a.known = false;
  return a;
}

Affine Affine::operator+(const Affine& o) const {
  if (!known || !o.known) {
    return unknown();
  }
  Affine out = *this;
  out.constant += o.constant;
  for (const auto& [x, k] : o.coef) {
    if ((out.coef[x] += k) == 0) {
      out.coef.erase(x);
    }
  }
  return out;
}

Affine Affine::operator-(const Affine& o) const { return *this + o.scaled(-1); }

Affine Affine::scaled(int64_t k) const {
  if (!known) {
    return unknown();
  }
  if (k == 0) {
    return of(0);
  }
  Affine out = *this;
  out.constant *= k;
  for (auto& [x, c] : out.coef) {
    c *= k;
  }
  return out;
}

bool Affine::operator==(const Affine& o) const {
  return known && o.known && constant == o.constant && coef == o.coef;
}

Affine evalAst(const AstExprPtr& e, const IteratorValues& at) {
  if (!e) {
    return Affine::unknown();
  }
  switch (e->kind) {
  case AstExpr::Kind::Int:
    return Affine::of(e->value);
  case AstExpr::Kind::Id: {
    auto v = at.find(e->name);
    return v == at.end() ? Affine::var(e->name) : v->second;
  }
  case AstExpr::Kind::Op:
    break;
  }
  std::vector<Affine> a;
  for (const AstExprPtr& x : e->args) {
    a.push_back(evalAst(x, at));
  }
  auto constants = [&] {
    return std::all_of(a.begin(), a.end(), [](const Affine& x) { return x.isConstant(); });
  };
  switch (e->op) {
  case AstOp::Add:
    return a.at(0) + a.at(1);
  case AstOp::Sub:
    return a.at(0) - a.at(1);
  case AstOp::Minus:
    return a.at(0).scaled(-1);
  case AstOp::Mul:
    if (a.at(0).isConstant()) {
      return a.at(1).scaled(a[0].constant);
    }
    return a.at(1).isConstant() ? a[0].scaled(a[1].constant) : Affine::unknown();
  case AstOp::Div:
  case AstOp::FdivQ:
  case AstOp::PdivQ:
  case AstOp::PdivR:
  case AstOp::ZdivR:
    if (!constants() || a.at(1).constant == 0) {
      return Affine::unknown();
    }
    if (e->op == AstOp::PdivR || e->op == AstOp::ZdivR) {
      return Affine::of(a[0].constant % a[1].constant);
    }
    return Affine::of(e->op == AstOp::PdivQ ? a[0].constant / a[1].constant
                                            : floorDiv(a[0].constant, a[1].constant));
  case AstOp::Min:
  case AstOp::Max: {
    if (!constants()) {
      return Affine::unknown();
    }
    int64_t best = a.at(0).constant;
    for (const Affine& x : a) {
      best = e->op == AstOp::Min ? std::min(best, x.constant) : std::max(best, x.constant);
    }
    return Affine::of(best);
  }
  case AstOp::Select:
  case AstOp::Cond:
    if (!a.at(0).isConstant()) {
      return a.at(1) == a.at(2) ? a[1] : Affine::unknown();
    }
    return a[0].constant != 0 ? a.at(1) : a.at(2);
  case AstOp::Eq:
  case AstOp::Le:
  case AstOp::Lt:
  case AstOp::Ge:
  case AstOp::Gt:
    return compare(e->op, a.at(0), a.at(1));
  case AstOp::And:
  case AstOp::AndThen:
  case AstOp::Or:
  case AstOp::OrElse: {
    bool isAnd = e->op == AstOp::And || e->op == AstOp::AndThen;
    bool undecided = false;
    for (const Affine& x : a) {
      if (!x.isConstant()) {
        undecided = true;
      } else if ((x.constant != 0) != isAnd) {
        return Affine::of(isAnd ? 0 : 1); // one false operand of `and`, one true of `or`
      }
    }
    return undecided ? Affine::unknown() : Affine::of(isAnd ? 1 : 0);
  }
  }
  return Affine::unknown();
}

Affine evalIndex(const core::Expr& e, const VarValues& at) {
  const core::ExprNode& n = *e;
  switch (n.kind) {
  case core::ExprKind::Const:
    return n.isFloatValue ? Affine::unknown() : Affine::of(n.ival);
  case core::ExprKind::Var: {
    auto v = at.find(n.var.get());
    return v == at.end() ? Affine::unknown() : v->second;
  }
  case core::ExprKind::Cast:
    return n.type.isFloat() || n.ops[0].type().isFloat() ? Affine::unknown()
                                                         : evalIndex(n.ops[0], at);
  case core::ExprKind::Unary:
    return n.unop == core::UnOp::Neg ? evalIndex(n.ops[0], at).scaled(-1) : Affine::unknown();
  case core::ExprKind::Binary: {
    Affine a = evalIndex(n.ops[0], at);
    Affine b = evalIndex(n.ops[1], at);
    switch (n.binop) {
    case core::BinOp::Add:
      return a + b;
    case core::BinOp::Sub:
      return a - b;
    case core::BinOp::Mul:
      if (a.isConstant()) {
        return b.scaled(a.constant);
      }
      return b.isConstant() ? a.scaled(b.constant) : Affine::unknown();
    case core::BinOp::FloorDiv:
      return a.isConstant() && b.isConstant() && b.constant != 0
                 ? Affine::of(floorDiv(a.constant, b.constant))
                 : Affine::unknown();
    default:
      return Affine::unknown();
    }
  }
  default:
    return Affine::unknown(); // a read (A[B[i]]), a parameter, a select, ...
  }
}

bool isKnown(const Subscript& s) {
  return std::all_of(s.begin(), s.end(), [](const Affine& a) { return a.known; });
}

bool mayAlias(const Subscript& a, const Subscript& b) {
  for (size_t d = 0; d < a.size() && d < b.size(); ++d) {
    Affine diff = a[d] - b[d];
    if (diff.isConstant() && diff.constant != 0) {
      return false;
    }
  }
  return true;
}

std::optional<int64_t> carriedDistance(const Subscript& w, const Subscript& r,
                                       const std::string& loop, int64_t shift) {
  int64_t fixed = 0; // 0: not fixed by any dimension yet
  for (size_t d = 0; d < w.size() && d < r.size(); ++d) {
    Affine diff = w[d] - r[d];
    if (!diff.isConstant()) {
      continue; // undecided: any distance may do
    }
    // w(loop) == r(loop + dist * shift)  <=>  w - r == coef_r(loop) * shift * dist
    auto c = r[d].coef.find(loop);
    int64_t step = c == r[d].coef.end() ? 0 : c->second * shift;
    if (step == 0) {
      if (diff.constant != 0) {
        return std::nullopt;
      }
      continue;
    }
    if (diff.constant % step != 0 || diff.constant / step < 1) {
      return std::nullopt;
    }
    int64_t dist = diff.constant / step;
    if (fixed != 0 && fixed != dist) {
      return std::nullopt;
    }
    fixed = dist;
  }
  return fixed;
}

std::string str(const Subscript& s) {
  if (s.empty()) {
    return ""; // a scalar
  }
  std::vector<std::string> dims;
  for (const Affine& a : s) {
    if (!a.known) {
      dims.emplace_back("?");
      continue;
    }
    std::string t;
    for (const auto& [x, k] : a.coef) {
      std::string term = k == 1 ? x : k == -1 ? "-" + x : fmt::format("{} * {}", k, x);
      t += t.empty() ? term : (term[0] == '-' ? " - " + term.substr(1) : " + " + term);
    }
    if (t.empty()) {
      t = fmt::format("{}", a.constant);
    } else if (a.constant != 0) {
      t += fmt::format(" {} {}", a.constant < 0 ? '-' : '+', std::abs(a.constant));
    }
    dims.push_back(t);
  }
  return fmt::format("[{}]", fmt::join(dims, ", "));
}

} // namespace polyallo::codegen
