// Statements inside kernels: declarations, assignments, loops, ifs and the
// compile-time meta_if / meta_for.
#include "frontends/allo/KernelLowerer.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::allo {

namespace {

using DeclPtr = std::shared_ptr<core::ArrayDecl>;

/// The call expression of `with allo.meta_X(...)`, if the statement is one.
const ast::Expr* metaCall(const ast::Stmt& s, const char* which) {
  if (s.kind != ast::StmtKind::With || s.names.size() != 1) {
    return nullptr;
  }
  const ast::Expr* e = s.names[0].expr.get();
  if (e && e->kind == ast::ExprKind::Call &&
      dottedName(*e->value) == std::string("allo.") + which) {
    return e;
  }
  return nullptr;
}

} // namespace

// ------------------------------------------------------------------ statements

void KernelLowerer::block(const std::vector<ast::StmtPtr>& stmts) {
  scopes_.emplace_back();
  try {
    for (size_t k = 0; k < stmts.size(); ++k) {
      if (metaCall(*stmts[k], "meta_if")) {
        metaChain(stmts, k);
      } else {
        stmt(*stmts[k]);
      }
    }
  } catch (...) {
    scopes_.pop_back();
    throw;
  }
  scopes_.pop_back();
}

void KernelLowerer::metaChain(const std::vector<ast::StmtPtr>& stmts, size_t& k) {
  std::vector<MetaBranch> branches;
  for (bool first = true; k < stmts.size(); first = false, ++k) {
    const ast::Stmt& s = *stmts[k];
    const ast::Expr* cond = metaCall(s, first ? "meta_if" : "meta_elif");
    const ast::Expr* orelse = first ? nullptr : metaCall(s, "meta_else");
    if (!cond && !orelse) {
      break;
    }
    if (cond) {
      require(cond->elts.size() == 1 && cond->keywords.empty(), ErrorKind::InvalidCall,
              "allo.meta_if / meta_elif take one condition", cond->loc);
    }
    branches.push_back({&s, cond ? cond->elts[0].get() : nullptr});
    if (orelse) {
      ++k;
      break;
    }
  }
  --k; // block()'s loop advances past the last statement of the chain
  metaBranches(branches, 0);
}

void KernelLowerer::metaBranches(const std::vector<MetaBranch>& branches, size_t from) {
  for (size_t b = from; b < branches.size(); ++b) {
    const MetaBranch& branch = branches[b];
    if (!branch.cond) {
      block(branch.stmt->body);
      return;
    }
    core::Expr runtime;
    if (std::optional<bool> known = metaCondition(*branch.cond, runtime)) {
      if (*known) {
        block(branch.stmt->body);
        return;
      }
      continue;
    }
    // A condition over the PE coordinates: an affine if, the rest of the
    // chain in its else branch.
    std::function<void()> rest;
    if (b + 1 < branches.size()) {
      rest = [&, b] { metaBranches(branches, b + 1); };
    }
    fn_->branch(
        runtime, [&] { block(branch.stmt->body); }, rest, branch.stmt->loc);
    return;
  }
}

std::optional<bool> KernelLowerer::metaCondition(const ast::Expr& cond, core::Expr& runtime) {
  try {
    return constant(cond, "the condition of meta_if").truthy();
  } catch (const Error& err) {
    if (kernel_ == nullptr || err.kind() != ErrorKind::NotConstant) {
      throw;
    }
  }
  runtime = pidCondition(cond);
  return std::nullopt;
}

void KernelLowerer::stmt(const ast::Stmt& s) {
  using ast::StmtKind;
  switch (s.kind) {
  case StmtKind::Pass:
    return;
  case StmtKind::Expr:
    if (s.value->kind == ast::ExprKind::Str) {
      return; // a docstring
    }
    if (isMethodCall(*s.value, "put") || isMethodCall(*s.value, "get")) {
      streamStatement(*s.value);
      return;
    }
    require(s.value->kind == ast::ExprKind::Call && kernelCallee(*s.value), ErrorKind::Syntax,
            fmt::format("this expression statement has no effect inside a kernel: '{}'; statements "
                        "are assignments, loops, ifs and calls of kernels",
                        str(*s.value)),
            s.loc);
    callKernel(*s.value, {});
    return;
  case StmtKind::AnnAssign:
    refuseStreamHere(s);
    annAssign(s);
    return;
  case StmtKind::Assign:
    refuseStreamHere(s);
    if (isDataflowCall(*s.value, "get_pid")) {
      pidAssign(s);
      return;
    }
    assign(s);
    return;
  case StmtKind::AugAssign:
    if (DeclPtr stream = streamNamed(*s.target)) {
      streamAsArray(*stream, true, s.target->loc);
    }
    augAssign(s);
    return;
  case StmtKind::For:
    forLoop(s);
    return;
  case StmtKind::If:
    ifStmt(s);
    return;
  case StmtKind::With:
    withStmt(s);
    return;
  case StmtKind::Return:
    returnStmt(s);
    return;
  case StmtKind::While:
    throw Error(ErrorKind::NotImplemented,
                "not implemented yet: while loops; write a for loop with affine bounds", s.loc);
  case StmtKind::Break:
  case StmtKind::Continue:
    throw Error(ErrorKind::NotImplemented,
                fmt::format("not implemented yet: {} inside a kernel; loops run their whole range",
                            s.kind == StmtKind::Break ? "break" : "continue"),
                s.loc);
  case StmtKind::FunctionDef:
    require(!kernelDecorator(s), ErrorKind::Syntax,
            fmt::format("@df.kernel '{}' is defined inside kernel '{}'; a kernel is defined "
                        "directly in the body of a @df.region() function",
                        s.name, kernelName()),
            s.loc);
    throw Error(ErrorKind::NotImplemented,
                fmt::format("not implemented yet: a def inside kernel '{}' (nested kernels and "
                            "dataflow regions); define '{}' at the top level",
                            def_.name, s.name),
                s.loc);
  default:
    throw Error(ErrorKind::Syntax,
                "this statement is not allowed inside a kernel; a kernel holds declarations, "
                "assignments, for loops, if statements, meta_if/meta_for and calls of kernels",
                s.loc);
  }
}

void KernelLowerer::annAssign(const ast::Stmt& s) {
  require(s.target->kind == ast::ExprKind::Name, ErrorKind::Syntax,
          fmt::format("an annotated declaration names a new variable, e.g. 'C: float32[M, N] = "
                      "0'; got '{}'",
                      str(*s.target)),
          s.target->loc);
  const std::string& name = s.target->id;
  Value type = evaluateType(*s.annotation, constEnv());
  bool returned =
      scopes_.size() == 2 && std::count(returnedLocals_.begin(), returnedLocals_.end(), name) > 0;
  DeclPtr decl = declare(name, type, returned ? core::ArrayRole::Returned : core::ArrayRole::Local,
                         s.target->loc);
  if (s.value) {
    initialize(decl, *s.value, s.loc);
  }
}

void KernelLowerer::assign(const ast::Stmt& s) {
  require(s.targets.size() == 1, ErrorKind::NotImplemented,
          "not implemented yet: chained assignment 'a = b = c' inside a kernel", s.loc);
  assignTo(*s.targets[0], *s.value, s.loc);
}

void KernelLowerer::assignTo(const ast::Expr& target, const ast::Expr& value,
                             const SourceLoc& loc) {
  switch (target.kind) {
  case ast::ExprKind::Name: {
    const Binding* b = lookup(target.id);
    if (b && b->kind == Binding::Array) {
      if (b->array->isStream()) {
        streamAsArray(*b->array, true, target.loc);
      }
      if (b->array->isScalar() && !kernelCallee(value)) {
        fn_->assign(b->array, {}, expr(value), core::ReduceOp::None, loc);
      } else {
        initialize(b->array, value, loc);
      }
      return;
    }
    require(!b, ErrorKind::Redefinition,
            fmt::format("cannot assign to '{}': it is {} bound at {}", target.id,
                        b && b->kind == Binding::Iterator ? "a loop variable"
                                                          : "a compile-time constant",
                        b ? b->loc.str() : ""),
            target.loc);
    require(!table_.global(target.id), ErrorKind::Redefinition,
            fmt::format("cannot assign to module constant '{}' inside a kernel; declare a local "
                        "with another name, e.g. '{}_v: int32 = ...'",
                        target.id, target.id),
            target.loc);
    // A new variable: its type is the value's (Allo infers it).
    if (kernelCallee(value)) {
      auto outs = callKernel(value, {});
      require(outs.size() == 1, ErrorKind::InvalidCall,
              fmt::format("'{}' returns {} values; assign them to as many names", str(value),
                          outs.size()),
              loc);
      Binding nb;
      nb.kind = Binding::Array;
      nb.array = outs[0];
      bind(target.id, nb, target.loc);
      return;
    }
    if (value.kind == ast::ExprKind::Name) {
      const Binding* src = lookup(value.id);
      if (src && src->kind == Binding::Array && !src->array->isScalar()) {
        copy(declare(target.id, arrayType(*src->array), core::ArrayRole::Local, target.loc),
             src->array, loc);
        return;
      }
    }
    core::Expr v = expr(value);
    DeclPtr decl =
        declare(target.id, Value::elemType(v.type()), core::ArrayRole::Local, target.loc);
    fn_->assign(decl, {}, v, core::ReduceOp::None, loc);
    return;
  }
  case ast::ExprKind::Subscript: {
    const ast::Expr* base = &target;
    std::vector<const ast::Expr*> chain;
    while (base->kind == ast::ExprKind::Subscript) {
      chain.insert(chain.begin(), base->index.get());
      base = base->value.get();
    }
    DeclPtr array = arrayOf(*base, "the target of an assignment");
    if (array->isStream()) {
      streamAsArray(*array, true, target.loc);
    }
    std::vector<core::Expr> idx;
    for (const ast::Expr* i : chain) {
      for (core::Expr e : indices(*i)) {
        idx.push_back(e);
      }
    }
    require(
        idx.size() != array->rank() + 1, ErrorKind::NotImplemented,
        fmt::format("not implemented yet: assigning to a bit or bit slice of '{}'", array->name),
        target.loc);
    require(
        idx.size() == array->rank(), ErrorKind::DimMismatch,
        [&] {
          return fmt::format("'{}' is {}: it takes {} subscript(s), got {}", base->id,
                             array->typeStr(), array->rank(), idx.size());
        },
        target.loc);
    fn_->assign(array, idx, expr(value), core::ReduceOp::None, loc);
    return;
  }
  case ast::ExprKind::Tuple: {
    require(kernelCallee(value).has_value(), ErrorKind::NotImplemented,
            "not implemented yet: tuple assignment inside a kernel other than from a kernel call "
            "returning several values",
            loc);
    std::vector<DeclPtr> outs;
    std::vector<std::pair<std::string, size_t>> fresh;
    for (const auto& t : target.elts) {
      require(t->kind == ast::ExprKind::Name, ErrorKind::Syntax,
              "the targets of a multi-value call are names", t->loc);
      const Binding* b = lookup(t->id);
      require(!b || b->kind == Binding::Array, ErrorKind::Redefinition,
              fmt::format("cannot assign to '{}': it is not an array or scalar", t->id), t->loc);
      outs.push_back(b ? b->array : nullptr);
      if (!b) {
        fresh.emplace_back(t->id, outs.size() - 1);
      }
    }
    bool allNew = fresh.size() == outs.size();
    require(allNew || fresh.empty(), ErrorKind::NotImplemented,
            "not implemented yet: mixing new and existing names in one multi-value assignment",
            loc);
    auto result = callKernel(value, allNew ? std::vector<DeclPtr>{} : outs);
    require(result.size() == outs.size(), ErrorKind::InvalidCall,
            fmt::format("'{}' returns {} value(s) but {} name(s) receive them", str(value),
                        result.size(), outs.size()),
            loc);
    for (auto& [name, k] : fresh) {
      Binding nb;
      nb.kind = Binding::Array;
      nb.array = result[k];
      bind(name, nb, target.elts[k]->loc);
    }
    return;
  }
  default:
    throw Error(
        ErrorKind::Syntax,
        fmt::format("cannot assign to '{}'; assign to a variable or an array element", str(target)),
        target.loc);
  }
}

void KernelLowerer::augAssign(const ast::Stmt& s) {
  using ast::BinaryOp;
  static const std::map<BinaryOp, core::ReduceOp> reductions = {
      {BinaryOp::Add, core::ReduceOp::Add},     {BinaryOp::Sub, core::ReduceOp::Sub},
      {BinaryOp::Mult, core::ReduceOp::Mul},    {BinaryOp::BitAnd, core::ReduceOp::BitAnd},
      {BinaryOp::BitOr, core::ReduceOp::BitOr}, {BinaryOp::BitXor, core::ReduceOp::BitXor}};
  const ast::Expr& target = *s.target;
  require(target.kind == ast::ExprKind::Name || target.kind == ast::ExprKind::Subscript,
          ErrorKind::Syntax,
          fmt::format("cannot update '{}'; update a variable or an array element", str(target)),
          target.loc);
  core::Expr current = expr(target); // also checks the target exists and is an element
  auto it = reductions.find(s.op);
  const core::ExprNode& read = *current;
  require(read.kind == core::ExprKind::Read, ErrorKind::Syntax,
          fmt::format("cannot update '{}': it is not an array element or variable", str(target)),
          target.loc);
  core::Expr value = expr(*s.value);
  if (it != reductions.end()) {
    fn_->assign(read.array, read.ops, value, it->second, s.loc);
    return;
  }
  static const std::map<BinaryOp, core::BinOp> others = {
      {BinaryOp::Div, core::BinOp::Div},    {BinaryOp::FloorDiv, core::BinOp::FloorDiv},
      {BinaryOp::Mod, core::BinOp::Mod},    {BinaryOp::Pow, core::BinOp::Pow},
      {BinaryOp::LShift, core::BinOp::Shl}, {BinaryOp::RShift, core::BinOp::Shr}};
  auto other = others.find(s.op);
  require(other != others.end(), ErrorKind::NotImplemented,
          fmt::format("not implemented yet: '{}=' inside a kernel", ast::spelling(s.op)), s.loc);
  fn_->assign(read.array, read.ops, core::binary(other->second, current, value, s.loc),
              core::ReduceOp::None, s.loc);
}

void KernelLowerer::forLoop(const ast::Stmt& s) {
  require(s.orelse.empty(), ErrorKind::NotImplemented,
          "not implemented yet: for ... else inside a kernel", s.loc);
  const ast::Expr& iter = *s.iter;
  std::string fn = iter.kind == ast::ExprKind::Call ? dottedName(*iter.value) : "";
  require(fn == "range" || fn == "allo.grid" || fn == "allo.reduction", ErrorKind::Syntax,
          fmt::format("a kernel loop iterates over range(...), allo.grid(...) or "
                      "allo.reduction(...); got '{}'",
                      str(iter)),
          iter.loc);
  std::vector<const ast::Expr*> targets;
  if (s.target->kind == ast::ExprKind::Tuple) {
    for (const auto& t : s.target->elts) {
      targets.push_back(t.get());
    }
  } else {
    targets.push_back(s.target.get());
  }
  for (const ast::Expr* t : targets) {
    require(t->kind == ast::ExprKind::Name, ErrorKind::Syntax,
            fmt::format("a loop variable must be a name, got '{}'", str(*t)), t->loc);
    const Binding* prev = lookup(t->id);
    require(!prev, ErrorKind::Redefinition,
            fmt::format("loop variable '{}' is already defined at {}; Allo does not allow "
                        "redeclaring a name in a nested block, rename the loop variable",
                        t->id, prev ? prev->loc.str() : ""),
            t->loc);
  }

  // Options: name= (the band's name), pipeline=, unroll= (on the innermost loop).
  core::Function::LoopOptions innermost;
  std::string band;
  for (const ast::Keyword& k : iter.keywords) {
    Value v = constant(*k.value, "a loop option");
    if (k.name == "name") {
      require(v.kind == ValueKind::Str, ErrorKind::InvalidArgument, "name= takes a string", k.loc);
      band = v.text;
    } else if (k.name == "pipeline") {
      innermost.hints.pipelineII = v.kind == ValueKind::Bool
                                       ? (v.i ? 1 : 0)
                                       : static_cast<int>(std::clamp<int64_t>(
                                             requireInt(v, "pipeline=", k.loc), 0, 1 << 20));
    } else if (k.name == "unroll") {
      innermost.hints.unrollFactor =
          v.kind == ValueKind::Bool
              ? (v.i ? 0 : -1)
              : static_cast<int>(std::clamp<int64_t>(requireInt(v, "unroll=", k.loc), 0, 1 << 20));
    } else {
      throw Error(
          ErrorKind::InvalidArgument,
          fmt::format("{}() has no option '{}'; it accepts name=, pipeline=, unroll=", fn, k.name),
          k.loc);
    }
  }

  // Bounds: grid(E1, E2, ...) is one loop per extent; range(lb, ub, step) one loop.
  struct Range {
    core::Expr lb, ub;
    int64_t step = 1;
  };
  std::vector<Range> ranges;
  if (fn == "allo.grid") {
    require(iter.elts.size() == targets.size(), ErrorKind::DimMismatch,
            fmt::format("allo.grid has {} extent(s) but {} loop variable(s)", iter.elts.size(),
                        targets.size()),
            iter.loc);
    for (const auto& extent : iter.elts) {
      ranges.push_back({core::Expr(0), loopBound(*extent), 1});
    }
  } else {
    require(targets.size() == 1, ErrorKind::DimMismatch,
            fmt::format("{}() gives one loop variable, got {}", fn, targets.size()), s.target->loc);
    const auto& a = iter.elts;
    require(a.size() >= 1 && a.size() <= 3, ErrorKind::InvalidCall,
            fmt::format("{}() takes 1 to 3 arguments (stop, or start, stop[, step]), got {}", fn,
                        a.size()),
            iter.loc);
    Range r;
    r.lb = a.size() >= 2 ? loopBound(*a[0]) : core::Expr(0);
    r.ub = loopBound(a.size() >= 2 ? *a[1] : *a[0]);
    if (a.size() == 3) {
      r.step = requireInt(constant(*a[2], "the step of range"), "the step of range", a[2]->loc);
      require(
          r.step > 0, ErrorKind::NotImplemented,
          fmt::format("not implemented yet: range with step {}; the step must be positive", r.step),
          a[2]->loc);
    }
    ranges.push_back(r);
  }

  std::function<void(size_t)> nest = [&](size_t d) {
    if (d == targets.size()) {
      block(s.body);
      return;
    }
    core::Function::LoopOptions opts;
    opts.step = ranges[d].step;
    if (d == 0) {
      opts.bandLabel = band;
    }
    if (d + 1 == targets.size()) {
      opts.hints = innermost.hints;
    }
    fn_->loop(
        targets[d]->id, ranges[d].lb, ranges[d].ub, opts,
        [&](core::Expr it) {
          scopes_.emplace_back();
          Binding b;
          b.kind = Binding::Iterator;
          b.iterator = it;
          b.loc = targets[d]->loc;
          scopes_.back()[targets[d]->id] = b;
          try {
            nest(d + 1);
          } catch (...) {
            scopes_.pop_back();
            throw;
          }
          scopes_.pop_back();
        },
        s.loc);
  };
  nest(0);
}

core::Expr KernelLowerer::loopBound(const ast::Expr& e) {
  core::Expr x = expr(e);
  require(x.type().isInt(), ErrorKind::TypeMismatch,
          fmt::format("a loop bound is an integer, got {} '{}'", x.type().str(), str(e)), e.loc);
  std::function<bool(const core::Expr&)> readsData = [&](const core::Expr& v) {
    return v->kind == core::ExprKind::Read || std::any_of(v->ops.begin(), v->ops.end(), readsData);
  };
  require(!readsData(x), ErrorKind::NotImplemented,
          fmt::format("not implemented yet: a loop bound that depends on data ('{}'); bounds are "
                      "affine in enclosing loop variables and constants",
                      str(e)),
          e.loc);
  require(core::isAffine(x), ErrorKind::NonAffine,
          fmt::format("a loop bound must be affine in enclosing loop variables and constants (+, "
                      "-, * by a constant, // and % by a positive constant, min, max), got '{}'",
                      str(e)),
          e.loc);
  return x;
}

void KernelLowerer::ifStmt(const ast::Stmt& s) {
  core::Expr cond = expr(*s.test);
  std::function<void()> orelse;
  if (!s.orelse.empty()) {
    orelse = [&] { block(s.orelse); };
  }
  fn_->branch(
      cond, [&] { block(s.body); }, orelse, s.loc);
}

void KernelLowerer::withStmt(const ast::Stmt& s) {
  // Copies of nested meta_for bodies multiply: the budget counts every copy
  // of the kernel, so that extraction stays fast and nesting cannot explode.
  constexpr size_t kMaxMetaCopies = 8192;
  if (const ast::Expr* loop = metaCall(s, "meta_for")) {
    const ast::Alias& item = s.names[0];
    require(!item.asname.empty(), ErrorKind::Syntax,
            "meta_for needs a name for its variable: 'with allo.meta_for(N) as i:'", s.loc);
    require(!lookup(item.asname), ErrorKind::Redefinition,
            fmt::format("meta_for variable '{}' is already defined", item.asname), item.loc);
    Value values;
    {
      // meta_for(...) takes range()'s arguments.
      std::vector<Value> args;
      for (const auto& a : loop->elts) {
        args.push_back(constant(*a, "an argument of meta_for"));
      }
      require(args.size() >= 1 && args.size() <= 3, ErrorKind::InvalidCall,
              "allo.meta_for takes 1 to 3 arguments (stop, or start, stop[, step])", loop->loc);
      int64_t lo = args.size() >= 2 ? requireInt(args[0], "meta_for start", loop->loc) : 0;
      int64_t hi = requireInt(args.size() >= 2 ? args[1] : args[0], "meta_for stop", loop->loc);
      int64_t step = args.size() == 3 ? requireInt(args[2], "meta_for step", loop->loc) : 1;
      require(step != 0, ErrorKind::InvalidArgument, "meta_for step must not be zero", loop->loc);
      for (int64_t v = lo; step > 0 ? v < hi : v > hi; v += step) {
        require(++metaCopies_ <= kMaxMetaCopies, ErrorKind::InvalidArgument,
                fmt::format("meta_for makes more than {} copies of bodies in kernel '{}' (nested "
                            "ones multiply); use a loop",
                            kMaxMetaCopies, def_.name),
                loop->loc);
        values.elts.push_back(Value::integer(v));
      }
    }
    for (const Value& v : values.elts) {
      scopes_.emplace_back();
      Binding b;
      b.kind = Binding::Constant;
      b.constant = v;
      b.loc = item.loc;
      scopes_.back()[item.asname] = b;
      try {
        block(s.body);
      } catch (...) {
        scopes_.pop_back();
        throw;
      }
      scopes_.pop_back();
    }
    return;
  }
  require(!metaCall(s, "meta_elif") && !metaCall(s, "meta_else"), ErrorKind::Syntax,
          "meta_elif / meta_else must follow a meta_if block directly", s.loc);
  throw Error(ErrorKind::NotImplemented,
              "not implemented yet: this 'with' statement inside a kernel; kernels accept "
              "allo.meta_if, meta_elif, meta_else and meta_for",
              s.loc);
}

} // namespace polyallo::allo
