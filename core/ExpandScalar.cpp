#include "core/ExpandScalar.h"

#include "core/Rewrite.h"

#include <fmt/format.h>

#include <functional>

namespace polyallo::core {

namespace {

using Decl = std::shared_ptr<ArrayDecl>;

/// True when `s` itself (not its body) reads, writes or passes `decl`.
bool touches(const StmtNode& s, const Decl& decl) {
  for (const Expr* e : ownExprs(s)) {
    if (readsArray(*e, decl.get())) {
      return true;
    }
  }
  return (s.kind == StmtKind::Assign && s.target == decl) || callPassing(s, decl.get());
}

/// The first access of `decl` in `stmts` in program order: is it a plain
/// write `t = e` (e not reading t) that runs whenever `stmts` run?
enum class First { None, Write, Other };
First firstAccess(const std::vector<StmtPtr>& stmts, const Decl& decl, bool guarded,
                  SourceLoc& at) {
  for (const StmtPtr& s : stmts) {
    bool readsOwn = false;
    for (const Expr* e : ownExprs(*s)) {
      readsOwn = readsOwn || readsArray(*e, decl.get());
    }
    if (readsOwn || callPassing(*s, decl.get())) {
      at = s->loc;
      return First::Other;
    }
    if (s->kind == StmtKind::Assign && s->target == decl) {
      at = s->loc;
      return s->reduce == ReduceOp::None && !guarded ? First::Write : First::Other;
    }
    if (s->kind == StmtKind::For) {
      int64_t lb = 0, ub = 0;
      bool runs = constantValue(s->lb, lb) && constantValue(s->ub, ub) && lb < ub;
      First f = firstAccess(s->body, decl, guarded || !runs, at);
      if (f != First::None) {
        return f;
      }
    } else if (s->kind == StmtKind::If) {
      for (const auto* branch : {&s->body, &s->orelse}) {
        if (firstAccess(*branch, decl, true, at) != First::None) {
          return First::Other;
        }
      }
    }
  }
  return First::None;
}

} // namespace

void expandScalar(Module& module, const std::string& function, const std::string& scalar,
                  const std::string& loop, const SourceLoc& loc) {
  const std::string what = fmt::format("scalar_expand({}, \"{}\")", scalar, loop);
  Function* fn = &functionToRewrite(module, function, what, loc);
  std::vector<std::string> scalars;
  for (const Decl& a : fn->arrays()) {
    if (a->role == ArrayRole::Local && a->isScalar()) {
      scalars.push_back(a->name);
    }
  }
  Decl decl = fn->findArray(scalar);
  require(
      decl != nullptr, ErrorKind::UnknownName,
      [&] {
        return fmt::format("{}: function '{}' has no array '{}'; its local scalars are {}", what,
                           function, scalar,
                           scalars.empty() ? "none" : fmt::format("{}", fmt::join(scalars, ", ")));
      },
      loc);
  require(
      decl->role == ArrayRole::Local && decl->isScalar(), ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("{}: '{}' is {} {} {}; only a local scalar (a 0-d array declared in "
                           "the kernel, e.g. `acc: int32 = 0`) can be expanded; its local scalars "
                           "are {}",
                           what, scalar, decl->isScalar() ? "a" : "an array", roleName(decl->role),
                           decl->typeStr(),
                           scalars.empty() ? "none" : fmt::format("{}", fmt::join(scalars, ", ")));
      },
      loc);

  // The loop.
  std::vector<StmtNode*> loops;
  std::vector<std::string> loopNames;
  forEachStmt(fn->body(), [&](StmtNode& s) {
    if (s.kind == StmtKind::For) {
      loopNames.push_back(s.name);
      if (s.name == loop) {
        loops.push_back(&s);
      }
    }
  });
  require(
      !loops.empty(), ErrorKind::UnknownName,
      [&] {
        return fmt::format(
            "{}: function '{}' has no loop '{}'; its loops are {}", what, function, loop,
            loopNames.empty() ? "none" : fmt::format("{}", fmt::join(loopNames, ", ")));
      },
      loc);
  require(loops.size() == 1, ErrorKind::InvalidSchedule,
          fmt::format("{}: function '{}' has {} loops named '{}'; the loop to expand along must "
                      "be unique (rename one of them)",
                      what, function, loops.size(), loop),
          loc);
  StmtNode& target = *loops[0];
  int64_t lb = 0, ub = 0;
  require(constantValue(target.lb, lb) && constantValue(target.ub, ub), ErrorKind::InvalidSchedule,
          fmt::format("{}: loop '{}' runs over range({}, {}); scalar expansion needs constant "
                      "bounds (the copies form an array of the trip count)",
                      what, loop, str(target.lb), str(target.ub)),
          loc);
  int64_t step = target.step;
  int64_t extent = step > 0 && ub > lb ? (ub - lb + step - 1) / step : 0;
  require(extent > 0, ErrorKind::InvalidSchedule,
          fmt::format("{}: loop '{}' (range({}, {}, {})) has no iteration; there is nothing to "
                      "expand along",
                      what, loop, lb, ub, step),
          loc);

  // Every access lies inside the loop, none is a call argument, and each
  // iteration sets the scalar before it uses it.
  std::function<void(const std::vector<StmtPtr>&)> checkOutside =
      [&](const std::vector<StmtPtr>& stmts) {
        for (const StmtPtr& s : stmts) {
          require(s.get() == &target || !touches(*s, decl), ErrorKind::InvalidSchedule,
                  fmt::format("{}: '{}' is used at {}, outside loop '{}'; every access of the "
                              "scalar, its initializer included, must lie inside the loop "
                              "(declare it inside the loop, or expand along a loop around that "
                              "use)",
                              what, scalar, s->loc.str(), loop),
                  loc);
          if (s.get() == &target) {
            require(!readsArray(s->lb, decl.get()) && !readsArray(s->ub, decl.get()),
                    ErrorKind::InvalidSchedule,
                    fmt::format("{}: the bounds of loop '{}' read '{}'; they are evaluated "
                                "outside the loop",
                                what, loop, scalar),
                    loc);
            continue;
          }
          checkOutside(s->body);
          checkOutside(s->orelse);
        }
      };
  checkOutside(fn->body());
  forEachStmt(target.body, [&](StmtNode& s) {
    require(!callPassing(s, decl.get()), ErrorKind::InvalidSchedule,
            fmt::format("{}: '{}' is passed to '{}' at {}; a scalar given to a call cannot be "
                        "expanded (the callee takes a 0-d array)",
                        what, scalar, s.callee, s.loc.str()),
            loc);
  });
  SourceLoc at;
  First first = firstAccess(target.body, decl, false, at);
  require(
      first != First::Other, ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("{}: each iteration of loop '{}' must set '{}' before using it, but its "
                           "first access in the loop (at {}) is not a plain assignment `{} = ...` "
                           "that always runs (it reads, updates or conditionally writes the value "
                           "of an earlier iteration); assign it at the top of the loop body",
                           what, loop, scalar, at.str(), scalar);
      },
      loc);

  // Rewrite: one element per iteration, indexed by (v - lb) // step.
  decl->shape = {constant(extent, Index())};
  Expr index = varRef(target.var);
  if (lb != 0) {
    index = index - constant(lb, Index());
  }
  if (step != 1) {
    index = floordiv(index, constant(step, Index()));
  }
  forEachStmt(target.body, [&](StmtNode& s) {
    rewriteAccesses(s, decl.get(), [&](const std::vector<Expr>&) { return std::vector{index}; });
  });
}

} // namespace polyallo::core
