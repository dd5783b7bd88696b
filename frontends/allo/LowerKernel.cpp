// Kernel instances and statements (expressions are in LowerExpr.cpp).
#include "frontends/allo/KernelLowerer.h"

#include <fmt/format.h>

#include <algorithm>

namespace polyallo::allo {

namespace {

using core::ArrayDecl;
using DeclPtr = std::shared_ptr<ArrayDecl>;

std::string mangle(const std::string& def, const std::vector<Value>& args) {
  std::string name = def;
  for (const Value& a : args) {
    std::string part;
    for (char c : a.str()) {
      part += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    name += "_" + part;
  }
  return name;
}

std::string listNames(const std::vector<std::string>& names) {
  return names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", "));
}

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

std::string dottedName(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::Name) {
    return e.id;
  }
  if (e.kind == ast::ExprKind::Attribute) {
    std::string base = dottedName(*e.value);
    return base.empty() ? "" : base + "." + e.id;
  }
  return "";
}

bool isKernelDef(const ast::Stmt& def) {
  if (!def.typeParams.empty() || def.returns) {
    return true;
  }
  return !def.params.empty() &&
         std::all_of(def.params.begin(), def.params.end(),
                     [](const ast::Param& p) { return p.annotation != nullptr; });
}

// ------------------------------------------------------------------ instances

std::string lowerKernel(KernelTable& table, const std::string& defName,
                        const std::vector<Value>& templateArgs, bool preferDefName,
                        const SourceLoc& use) {
  auto found = table.defs.find(defName);
  if (found == table.defs.end()) {
    std::vector<std::string> names;
    for (const auto& [n, d] : table.defs) {
      names.push_back(n);
    }
    throw Error(ErrorKind::UnknownName,
                fmt::format("unknown kernel '{}'; the kernels of this file are {}", defName,
                            listNames(names)),
                use);
  }
  const ast::Stmt& def = *found->second;
  std::vector<Value> args = templateArgs;
  std::string instanceName;
  if (!args.empty() && args.back().kind == ValueKind::Str &&
      args.size() == def.typeParams.size() + 1) {
    instanceName = args.back().text;
    args.pop_back();
  }
  if (args.size() != def.typeParams.size()) {
    std::vector<std::string> params;
    for (const auto& p : def.typeParams) {
      params.push_back(p.name);
    }
    throw Error(ErrorKind::InvalidCall,
                def.typeParams.empty()
                    ? fmt::format("kernel '{}' is not a template; call it without [...]", defName)
                    : fmt::format("template '{}' takes {} argument(s) [{}], got {}", defName,
                                  def.typeParams.size(), listNames(params), args.size()),
                use);
  }
  std::string key = mangle(defName, templateArgs);
  if (auto it = table.instances.find(key); it != table.instances.end()) {
    return it->second;
  }
  // Instances lowered inside one another: a template that instantiates itself
  // with growing arguments would otherwise recurse until the stack ends.
  constexpr size_t kMaxInstanceDepth = 64;
  require(table.inProgress.size() < kMaxInstanceDepth, ErrorKind::InvalidCall,
          fmt::format("kernel instances nest more than {} deep at '{}'; a template that "
                      "instantiates itself is recursion, which is not supported",
                      kMaxInstanceDepth, key),
          use);
  require(!table.inProgress.count(key), ErrorKind::InvalidCall,
          fmt::format("kernel '{}' calls itself (directly or through other kernels); recursion is "
                      "not supported",
                      defName),
          use);

  std::map<std::string, Value> env;
  for (size_t k = 0; k < args.size(); ++k) {
    const ast::Param& p = def.typeParams[k];
    if (p.annotation) {
      requireInt(args[k], fmt::format("template parameter '{}' of '{}'", p.name, defName), use);
    } else {
      require(args[k].kind == ValueKind::Type && args[k].shape.empty(), ErrorKind::InvalidType,
              fmt::format("template parameter '{}' of '{}' is a type parameter; got {} '{}'",
                          p.name, defName, args[k].kindName(), args[k].str()),
              use);
    }
    env[p.name] = args[k];
  }

  std::string fnName = defName;
  if (!instanceName.empty()) {
    fnName = defName + "_" + instanceName;
  } else if (!def.typeParams.empty() && !(preferDefName && !table.module->findFunction(defName))) {
    fnName = mangle(defName, args);
  }

  const core::Function* clash = table.module->findFunction(fnName);
  auto clashingDef = table.defs.find(fnName);
  if (clash || (fnName != defName && clashingDef != table.defs.end())) {
    throw Error(ErrorKind::Redefinition,
                fmt::format("the instance '{}' of template '{}' has the name of another kernel "
                            "(defined at {}); name the instance differently",
                            fnName, defName,
                            clash ? clash->loc().str() : clashingDef->second->loc.str()),
                use);
  }
  table.inProgress.insert(key);
  try {
    KernelLowerer lowerer(table, def, env);
    core::Function& fn = table.module->functionAt(fnName, def.loc);
    lowerer.lower(fn);
  } catch (...) {
    table.inProgress.erase(key);
    throw;
  }
  table.inProgress.erase(key);
  table.instances[key] = fnName;
  return fnName;
}

KernelLowerer::KernelLowerer(KernelTable& table, const ast::Stmt& def,
                             std::map<std::string, Value> templateEnv)
    : table_(table), def_(def) {
  scopes_.emplace_back();
  for (auto& [name, v] : templateEnv) {
    Binding b;
    b.kind = Binding::Constant;
    b.constant = v;
    b.loc = def.loc;
    scopes_.back()[name] = b;
  }
}

void KernelLowerer::lower(core::Function& fn) {
  fn_ = &fn;
  planReturns();
  params();
  block(def_.body);
}

// ------------------------------------------------------------------ signature

void KernelLowerer::params() {
  for (const ast::Param& p : def_.params) {
    require(p.annotation != nullptr, ErrorKind::InvalidType,
            fmt::format("parameter '{}' of kernel '{}' needs a type annotation, e.g. {}: "
                        "float32[M, N] or {}: int32",
                        p.name, def_.name, p.name, p.name),
            p.loc);
    require(p.defaultValue == nullptr, ErrorKind::NotImplemented,
            fmt::format("not implemented yet: default value of kernel parameter '{}'", p.name),
            p.loc);
    require(!lookup(p.name), ErrorKind::Redefinition,
            fmt::format("parameter '{}' has the name of a template parameter", p.name), p.loc);
    declare(p.name, evaluateType(*p.annotation, constEnv()), core::ArrayRole::Argument, p.loc);
  }
  // Returned values that are not locals returned as they are get their own arrays.
  if (returnedLocals_.empty()) {
    for (size_t k = 0; k < returnTypes_.size(); ++k) {
      std::string name = returnTypes_.size() == 1 ? "ret" : fmt::format("ret{}", k);
      retArrays_.push_back(
          declareHidden(name, returnTypes_[k], core::ArrayRole::Returned, def_.loc));
    }
  }
}

void KernelLowerer::planReturns() {
  if (def_.returns) {
    Value r = evaluate(*def_.returns, constEnv());
    if (r.kind == ValueKind::Tuple) {
      for (const ast::ExprPtr& t : def_.returns->elts) {
        returnTypes_.push_back(evaluateType(*t, constEnv()));
      }
    } else if (r.kind != ValueKind::None) {
      returnTypes_.push_back(evaluateType(*def_.returns, constEnv()));
    }
  }
  const ast::Stmt* last = def_.body.empty() ? nullptr : def_.body.back().get();
  bool returnsValue = last && last->kind == ast::StmtKind::Return && last->value;
  if (!returnsValue) {
    if (!returnTypes_.empty()) {
      throw Error(ErrorKind::InvalidCall,
                  fmt::format("kernel '{}' is annotated to return {} but does not end with a "
                              "return statement",
                              def_.name, str(*def_.returns)),
                  def_.loc);
    }
    return;
  }
  require(!returnTypes_.empty(), ErrorKind::InvalidCall,
          fmt::format("kernel '{}' returns a value but has no return annotation; add one, e.g. "
                      "-> float32[M, N]",
                      def_.name),
          last->loc);
  std::vector<const ast::Expr*> values;
  if (last->value->kind == ast::ExprKind::Tuple) {
    for (const auto& v : last->value->elts) {
      values.push_back(v.get());
    }
  } else {
    values.push_back(last->value.get());
  }
  require(values.size() == returnTypes_.size(), ErrorKind::InvalidCall,
          fmt::format("kernel '{}' returns {} value(s) but its annotation declares {}", def_.name,
                      values.size(), returnTypes_.size()),
          last->loc);
  // Locals declared at the top of the body, in the returned order and with the
  // returned types, become the Returned arrays themselves: no copy.
  std::vector<std::string> names;
  size_t position = 0;
  for (size_t k = 0; k < values.size(); ++k) {
    if (values[k]->kind != ast::ExprKind::Name) {
      return;
    }
    const std::string& name = values[k]->id;
    bool found = false;
    for (; position < def_.body.size() && !found; ++position) {
      const ast::Stmt& s = *def_.body[position];
      found = s.kind == ast::StmtKind::AnnAssign && s.target->kind == ast::ExprKind::Name &&
              s.target->id == name;
      if (found && !(evaluateType(*s.annotation, constEnv()) == returnTypes_[k])) {
        return;
      }
    }
    if (!found || std::count(names.begin(), names.end(), name)) {
      return;
    }
    names.push_back(name);
  }
  returnedLocals_ = names;
}

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
  bool taken = false;
  for (bool first = true; k < stmts.size(); first = false, ++k) {
    const ast::Stmt& s = *stmts[k];
    const ast::Expr* cond = metaCall(s, first ? "meta_if" : "meta_elif");
    const ast::Expr* orelse = first ? nullptr : metaCall(s, "meta_else");
    if (!cond && !orelse) {
      break;
    }
    bool choose = false;
    if (cond) {
      require(cond->elts.size() == 1 && cond->keywords.empty(), ErrorKind::InvalidCall,
              "allo.meta_if / meta_elif take one condition", cond->loc);
      choose = !taken && constant(*cond->elts[0], "the condition of meta_if").truthy();
    } else {
      choose = !taken;
    }
    if (choose) {
      taken = true;
      block(s.body);
    }
    if (orelse) {
      ++k;
      break;
    }
  }
  --k; // block()'s loop advances past the last statement of the chain
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
    require(s.value->kind == ast::ExprKind::Call && kernelCallee(*s.value), ErrorKind::Syntax,
            fmt::format("this expression statement has no effect inside a kernel: '{}'; statements "
                        "are assignments, loops, ifs and calls of kernels",
                        str(*s.value)),
            s.loc);
    callKernel(*s.value, {});
    return;
  case StmtKind::AnnAssign:
    annAssign(s);
    return;
  case StmtKind::Assign:
    assign(s);
    return;
  case StmtKind::AugAssign:
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
        Value t = Value::elemType(src->array->type);
        for (const auto& extent : src->array->shape) {
          int64_t n = 0;
          core::constantValue(extent, n);
          t.shape.push_back(n);
        }
        copy(declare(target.id, t, core::ArrayRole::Local, target.loc), src->array, loc);
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
    require(idx.size() == array->rank(), ErrorKind::DimMismatch,
            fmt::format("'{}' is {}: it takes {} subscript(s), got {}", base->id, array->typeStr(),
                        array->rank(), idx.size()),
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

void KernelLowerer::returnStmt(const ast::Stmt& s) {
  bool last = scopes_.size() == 2 && !def_.body.empty() && def_.body.back().get() == &s;
  require(last, ErrorKind::NotImplemented,
          "not implemented yet: a return before the end of a kernel; return at the end of the "
          "kernel's body",
          s.loc);
  if (!s.value || !returnedLocals_.empty()) {
    return; // the returned locals are the Returned arrays
  }
  std::vector<const ast::Expr*> values;
  if (s.value->kind == ast::ExprKind::Tuple) {
    for (const auto& v : s.value->elts) {
      values.push_back(v.get());
    }
  } else {
    values.push_back(s.value.get());
  }
  for (size_t k = 0; k < values.size(); ++k) {
    initialize(retArrays_[k], *values[k], values[k]->loc);
  }
}

// ------------------------------------------------------------------ helpers

DeclPtr KernelLowerer::declareHidden(const std::string& name, const Value& type,
                                     core::ArrayRole role, const SourceLoc& loc) {
  std::vector<core::Expr> shape;
  for (int64_t n : type.shape) {
    shape.emplace_back(static_cast<long long>(n));
  }
  return fn_->addArray(uniqueArrayName(name), type.type, shape, role, loc).decl();
}

DeclPtr KernelLowerer::declare(const std::string& name, const Value& type, core::ArrayRole role,
                               const SourceLoc& loc) {
  const Binding* prev = lookup(name);
  require(!prev, ErrorKind::Redefinition,
          fmt::format("'{}' is already defined at {}; Allo does not allow redeclaring a name in "
                      "the same or a nested block",
                      name, prev ? prev->loc.str() : ""),
          loc);
  Binding b;
  b.kind = Binding::Array;
  b.array = declareHidden(name, type, role, loc);
  bind(name, b, loc);
  return b.array;
}

void KernelLowerer::initialize(const DeclPtr& dst, const ast::Expr& value, const SourceLoc& loc) {
  if (kernelCallee(value)) {
    callKernel(value, {dst});
    return;
  }
  if (value.kind == ast::ExprKind::Name) {
    const Binding* src = lookup(value.id);
    if (src && src->kind == Binding::Array && !src->array->isScalar()) {
      copy(dst, src->array, loc);
      return;
    }
  }
  fn_->fillAt(handle(dst), expr(value), loc);
}

void KernelLowerer::copy(const DeclPtr& dst, const DeclPtr& src, const SourceLoc& loc) {
  require(dst->rank() == src->rank() &&
              std::equal(dst->shape.begin(), dst->shape.end(), src->shape.begin(),
                         [](const core::Expr& a, const core::Expr& b) {
                           return core::str(a) == core::str(b);
                         }),
          ErrorKind::InvalidShape,
          fmt::format("cannot copy '{}' ({}) into '{}' ({}): the shapes differ", src->name,
                      src->typeStr(), dst->name, dst->typeStr()),
          loc);
  std::vector<core::Expr> it;
  std::function<void(size_t)> nest = [&](size_t d) {
    if (d == dst->rank()) {
      fn_->assign(dst, it, core::read(src, it, loc), core::ReduceOp::None, loc);
      return;
    }
    fn_->loop(
        fmt::format("{}_copy{}", dst->name, d), core::Expr(0), dst->shape[d], {},
        [&](core::Expr i) {
          it.push_back(i);
          nest(d + 1);
          it.pop_back();
        },
        loc);
  };
  nest(0);
}

std::string KernelLowerer::uniqueArrayName(const std::string& base) const {
  std::string name = base;
  for (int k = 1; fn_->findArray(name); ++k) {
    name = fmt::format("{}_{}", base, k);
  }
  return name;
}

void KernelLowerer::bind(const std::string& name, Binding b, const SourceLoc& loc) {
  b.loc = loc;
  scopes_.back()[name] = std::move(b);
}

const Binding* KernelLowerer::lookup(const std::string& name) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    if (auto f = it->find(name); f != it->end()) {
      return &f->second;
    }
  }
  return nullptr;
}

std::string KernelLowerer::namesInScope() const {
  std::vector<std::string> names;
  for (const auto& scope : scopes_) {
    for (const auto& [n, b] : scope) {
      names.push_back(n);
    }
  }
  std::sort(names.begin(), names.end());
  return listNames(names);
}

ConstEnv KernelLowerer::constEnv() {
  ConstEnv env;
  env.lookup = [this](const std::string& name, const SourceLoc& loc) -> std::optional<Value> {
    if (const Binding* b = lookup(name)) {
      require(
          b->kind == Binding::Constant, ErrorKind::NotConstant,
          fmt::format("'{}' is {}, not a compile-time constant", name,
                      b->kind == Binding::Iterator ? "a loop variable" : "an array or variable"),
          loc);
      return b->constant;
    }
    if (auto v = table_.global(name)) {
      return v;
    }
    if (table_.defs.count(name)) {
      return Value::named(ValueKind::Kernel, name);
    }
    return std::nullopt;
  };
  return env;
}

} // namespace polyallo::allo
