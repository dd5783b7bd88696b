#include "core/Rewrite.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::core {

Function& functionToRewrite(Module& module, const std::string& function, const std::string& what,
                            const SourceLoc& loc) {
  if (Function* fn = module.findFunction(function)) {
    return *fn;
  }
  std::vector<std::string> names;
  for (const auto& f : module.functions()) {
    names.push_back(f->name());
  }
  throw Error(ErrorKind::UnknownName,
              fmt::format("{}: there is no function '{}'; the functions are {}", what, function,
                          fmt::join(names, ", ")),
              loc);
}

void forEachStmt(const std::vector<StmtPtr>& stmts, const std::function<void(StmtNode&)>& fn) {
  for (const StmtPtr& s : stmts) {
    fn(*s);
    forEachStmt(s->body, fn);
    forEachStmt(s->orelse, fn);
  }
}

std::vector<const Expr*> ownExprs(const StmtNode& s) {
  std::vector<const Expr*> out;
  switch (s.kind) {
  case StmtKind::For:
    out = {&s.lb, &s.ub};
    break;
  case StmtKind::If:
    out = {&s.cond};
    break;
  case StmtKind::Assign:
    for (const Expr& i : s.indices) {
      out.push_back(&i);
    }
    out.push_back(&s.value);
    break;
  case StmtKind::Call:
    break;
  }
  return out;
}

bool readsArray(const Expr& e, const ArrayDecl* decl) {
  if (!e.defined()) {
    return false;
  }
  if (e->kind == ExprKind::Read && e->array.get() == decl) {
    return true;
  }
  return std::any_of(e->ops.begin(), e->ops.end(),
                     [&](const Expr& op) { return readsArray(op, decl); });
}

Expr rewriteReads(const Expr& e, const ArrayDecl* decl, const IndexRewrite& rewrite,
                  const std::shared_ptr<ArrayDecl>& to) {
  if (!e.defined()) {
    return e;
  }
  std::vector<Expr> ops;
  bool changed = false;
  for (const Expr& op : e->ops) {
    ops.push_back(rewriteReads(op, decl, rewrite, to));
    changed = changed || ops.back().ptr() != op.ptr();
  }
  if (e->kind == ExprKind::Read && e->array.get() == decl) {
    return read(to ? to : e->array, rewrite(ops), e->loc);
  }
  if (!changed) {
    return e;
  }
  ExprNode n = *e;
  n.ops = std::move(ops);
  return Expr(std::make_shared<const ExprNode>(std::move(n)));
}

void rewriteAccesses(StmtNode& s, const ArrayDecl* decl, const IndexRewrite& rewrite,
                     const std::shared_ptr<ArrayDecl>& to) {
  s.lb = rewriteReads(s.lb, decl, rewrite, to);
  s.ub = rewriteReads(s.ub, decl, rewrite, to);
  s.cond = rewriteReads(s.cond, decl, rewrite, to);
  s.value = rewriteReads(s.value, decl, rewrite, to);
  for (Expr& i : s.indices) {
    i = rewriteReads(i, decl, rewrite, to);
  }
  if (s.kind == StmtKind::Assign && s.target.get() == decl) {
    s.indices = rewrite(s.indices);
    if (to) {
      s.target = to;
    }
  }
}

bool callPassing(const StmtNode& s, const ArrayDecl* decl) {
  return s.kind == StmtKind::Call &&
         std::any_of(s.args.begin(), s.args.end(),
                     [&](const std::shared_ptr<ArrayDecl>& a) { return a.get() == decl; });
}

} // namespace polyallo::core
