// Kernel instances: template binding, the signature and returns, and the
// helpers the statement and expression files share (LowerStmt.cpp,
// LowerExpr.cpp).
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

Value arrayType(const core::ArrayDecl& array) {
  Value t = Value::elemType(array.type);
  for (const auto& extent : array.shape) {
    int64_t n = 0;
    core::constantValue(extent, n);
    t.shape.push_back(n);
  }
  return t;
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
    // `T: (float32, int32)` is a type parameter that takes one of those types.
    bool typeChoice = p.annotation && p.annotation->kind == ast::ExprKind::Tuple;
    if (typeChoice) {
      std::vector<std::string> choices;
      bool listed = false;
      for (const auto& e : p.annotation->elts) {
        choices.push_back(e->kind == ast::ExprKind::Name ? e->id : "?");
        listed = listed || (e->kind == ast::ExprKind::Name && e->id == args[k].str());
      }
      require(args[k].kind == ValueKind::Type && args[k].shape.empty() && listed,
              ErrorKind::InvalidType,
              fmt::format("template parameter '{}' of '{}' takes one of the types {}; got {} '{}'",
                          p.name, defName, fmt::join(choices, ", "), args[k].kindName(),
                          args[k].str()),
              use);
    } else if (p.annotation) {
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
  region_ = isRegionDef(def_);
  planReturns();
  params();
  if (region_) {
    region();
  } else {
    block(def_.body);
  }
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

void KernelLowerer::returnStmt(const ast::Stmt& s) {
  if (kernel_) {
    const auto& body = kernel_->def->body;
    require(!s.value && scopes_.size() == regionScope_ + 3 && body.back().get() == &s,
            ErrorKind::NotImplemented,
            fmt::format("not implemented yet: a return inside @df.kernel '{}' other than a bare "
                        "'return' at its end; write results into an array parameter",
                        kernelName()),
            s.loc);
    return;
  }
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
  // In a region every kernel's locals are the region function's: a name
  // another kernel (or the region) uses already gets this kernel's prefix,
  // so that each local belongs to one band.
  std::string base = name;
  if (kernel_ && role == core::ArrayRole::Local && fn_->findArray(name)) {
    auto owner = owners_.find(name);
    if (owner == owners_.end() || owner->second != kernelName()) {
      base = kernelName() + "_" + name;
    }
  }
  DeclPtr decl = fn_->addArray(uniqueArrayName(base), type.type, shape, role, loc).decl();
  if (kernel_) {
    owners_[decl->name] = kernelName();
  }
  return decl;
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
  if (src->isStream() || dst->isStream()) {
    streamAsArray(src->isStream() ? *src : *dst, dst->isStream(), loc);
  }
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
