#include "layout/Reshape.h"

#include "core/Rewrite.h"
#include "layout/IndexArith.h"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace polyallo::layout {

namespace {

using core::Expr;

/// "(4, 8)", "(32,)": the Python tuple the script writes.
std::string tupleText(const std::vector<int64_t>& shape) {
  return shape.size() == 1 ? fmt::format("({},)", shape[0])
                           : fmt::format("({})", fmt::join(shape, ", "));
}

/// The product of `shape`, or nothing when it exceeds int64.
std::optional<int64_t> elementCount(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t e : shape) {
    if (__builtin_mul_overflow(n, e, &n)) {
      return std::nullopt;
    }
  }
  return n;
}

std::string countText(const std::optional<int64_t>& n) {
  return n ? std::to_string(*n) : "more than 2^63 - 1";
}

/// Dimensions [oldBegin, oldEnd) of the old shape hold the same elements as
/// [newBegin, newEnd) of the new one (equal products, no smaller such split).
struct Group {
  size_t oldBegin = 0, oldEnd = 0, newBegin = 0, newEnd = 0;
};

/// The finest grouping of both shapes into runs of equal products. Shapes
/// with equal element counts always group completely; extents of 1 left at
/// the end form groups of their own.
std::vector<Group> groups(const std::vector<int64_t>& from, const std::vector<int64_t>& to) {
  std::vector<Group> out;
  size_t i = 0, j = 0;
  while (i < from.size() || j < to.size()) {
    Group g{i, i, j, j};
    int64_t a = i < from.size() ? from[i++] : 1;
    int64_t b = j < to.size() ? to[j++] : 1;
    while (a != b) {
      if (a < b) {
        a *= from[i++];
      } else {
        b *= to[j++];
      }
    }
    g.oldEnd = i;
    g.newEnd = j;
    out.push_back(g);
  }
  return out;
}

/// The subscripts into `to` of the element that `indices` reach in `from`.
std::vector<Expr> reindex(const std::vector<Expr>& indices, const std::vector<int64_t>& from,
                          const std::vector<int64_t>& to, const Ranges& ranges) {
  std::vector<Expr> out(to.size());
  for (const Group& g : groups(from, to)) {
    if (g.oldEnd - g.oldBegin == 1 && g.newEnd - g.newBegin == 1) {
      out[g.newBegin] = indices[g.oldBegin]; // a dimension both shapes share
      continue;
    }
    // Row-major offset within the group, then its digits in the new extents.
    std::vector<Expr> digits;
    std::vector<int64_t> strides;
    for (size_t k = g.oldBegin; k < g.oldEnd; ++k) {
      int64_t stride = 1;
      for (size_t r = k + 1; r < g.oldEnd; ++r) {
        stride *= from[r];
      }
      digits.push_back(core::castIfNeeded(core::Index(), indices[k]));
      strides.push_back(stride);
    }
    Expr offset = combine(digits, strides);
    int64_t stride = 1;
    for (size_t l = g.newEnd; l-- > g.newBegin;) {
      Expr digit = divide(offset, stride, ranges);
      // The offset is below the group's product: the outermost digit needs no remainder.
      out[l] = l == g.newBegin ? digit : remainder(digit, to[l], ranges);
      stride *= to[l];
    }
  }
  return out;
}

/// Rewrites every access of `decl` in `stmts` and below, knowing the
/// ranges of the loops around them.
void rewriteIn(std::vector<core::StmtPtr>& stmts, const core::ArrayDecl* decl,
               const std::vector<int64_t>& from, const std::vector<int64_t>& to, Ranges& ranges) {
  for (const core::StmtPtr& s : stmts) {
    // A loop's own bounds are evaluated outside it: rewritten before its range is known.
    core::rewriteAccesses(*s, decl, [&](const std::vector<Expr>& indices) {
      return reindex(indices, from, to, ranges);
    });
    int64_t lb = 0, ub = 0;
    bool ranged = s->kind == core::StmtKind::For && core::constantValue(s->lb, lb) &&
                  core::constantValue(s->ub, ub) && lb < ub;
    if (ranged) {
      ranges[s->var.get()] = {lb, ub - 1};
    }
    rewriteIn(s->body, decl, from, to, ranges);
    rewriteIn(s->orelse, decl, from, to, ranges);
    if (ranged) {
      ranges.erase(s->var.get());
    }
  }
}

std::vector<std::string> arrayNames(const core::Function& fn) {
  std::vector<std::string> names;
  for (const auto& a : fn.arrays()) {
    names.push_back(a->name);
  }
  return names;
}

} // namespace

void reshape(core::Module& module, const std::string& function, const std::string& array,
             const std::vector<int64_t>& shape, const SourceLoc& loc) {
  const std::string what = fmt::format("reshape({}, {})", array, tupleText(shape));
  core::Function* fn = &core::functionToRewrite(module, function, what, loc);
  std::shared_ptr<core::ArrayDecl> decl = fn->findArray(array);
  require(
      decl != nullptr, ErrorKind::UnknownName,
      [&] {
        return fmt::format("{}: function '{}' has no array '{}'; its arrays are {}", what, function,
                           array, fmt::join(arrayNames(*fn), ", "));
      },
      loc);
  require(!decl->isScalar(), ErrorKind::InvalidShape,
          fmt::format("{}: '{}' is a scalar ({}, a 0-d array); reshape gives an array of at least "
                      "one dimension a new shape",
                      what, array, decl->typeStr()),
          loc);
  std::vector<int64_t> from;
  for (const Expr& extent : decl->shape) {
    int64_t v = 0;
    require(core::constantValue(extent, v), ErrorKind::NotConstant,
            fmt::format("{}: '{}' is {}; reshape needs constant extents to keep the element "
                        "count (give the module parameters constant values)",
                        what, array, decl->typeStr()),
            loc);
    from.push_back(v);
  }
  std::optional<int64_t> before = elementCount(from), after = elementCount(shape);
  require(!shape.empty(), ErrorKind::InvalidShape,
          fmt::format("{}: the new shape has no extent; give at least one, e.g. ({},) for "
                      "'{}' as a 1-D array",
                      what, countText(before), array),
          loc);
  for (int64_t e : shape) {
    require(e >= 1, ErrorKind::InvalidShape,
            fmt::format("{}: extent {} is not positive; every extent of the new shape is at "
                        "least 1",
                        what, e),
            loc);
  }
  require(before == after, ErrorKind::InvalidShape,
          fmt::format("{}: '{}' ({}) has {} elements but the shape {} has {}; reshape keeps the "
                      "element count (the same row-major data, a new shape)",
                      what, array, decl->typeStr(), countText(before), tupleText(shape),
                      countText(after)),
          loc);

  // A call would see one shape on each side of it.
  core::forEachStmt(fn->body(), [&](core::StmtNode& s) {
    require(!core::callPassing(s, decl.get()), ErrorKind::InvalidCall,
            fmt::format("{}: '{}' is passed to '{}' at {}; the callee's parameter would keep the "
                        "shape {} while the array gets {}; reshape an array no call passes (a "
                        "local copy, for instance)",
                        what, array, s.callee, s.loc.str(), decl->typeStr(), tupleText(shape)),
            loc);
  });
  if (decl->role != core::ArrayRole::Local) {
    for (const auto& caller : module.functions()) {
      core::forEachStmt(caller->body(), [&](core::StmtNode& s) {
        require(s.kind != core::StmtKind::Call || s.callee != function, ErrorKind::InvalidCall,
                fmt::format("{}: '{}' is a parameter of '{}', which '{}' calls at {}; the "
                            "caller's argument would keep the shape {} while the parameter gets "
                            "{}; reshape a parameter only of a function nothing calls (the top)",
                            what, array, function, caller->name(), s.loc.str(), decl->typeStr(),
                            tupleText(shape)),
                loc);
      });
    }
  }

  decl->shape.clear();
  for (int64_t e : shape) {
    decl->shape.push_back(indexConst(e));
  }
  Ranges ranges;
  rewriteIn(fn->mutableBody(), decl.get(), from, shape, ranges);
}

} // namespace polyallo::layout
