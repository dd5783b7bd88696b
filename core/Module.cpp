#include "core/Module.h"

#include <algorithm>
#include <fmt/format.h>

namespace polyallo::core {

namespace {

std::string joinNames(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) {
    s += (s.empty() ? "" : ", ") + n;
  }
  return s.empty() ? "(none)" : s;
}

bool validIdentifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool sameShape(const ArrayDecl& a, const ArrayDecl& b) {
  if (a.rank() != b.rank()) {
    return false;
  }
  for (size_t d = 0; d < a.rank(); ++d) {
    if (str(a.shape[d]) != str(b.shape[d])) {
      return false;
    }
  }
  return true;
}

} // namespace

const char* roleName(ArrayRole role) {
  switch (role) {
  case ArrayRole::Argument:
    return "argument";
  case ArrayRole::Local:
    return "local";
  case ArrayRole::Returned:
    return "returned";
  }
  return "?";
}

std::string ArrayDecl::typeStr() const {
  std::string element =
      isStream() ? fmt::format("Stream[{}, {}]", type.str(), streamDepth) : type.str();
  if (shape.empty()) {
    return element;
  }
  std::string s = element + "[";
  for (size_t d = 0; d < shape.size(); ++d) {
    s += (d ? ", " : "") + str(shape[d]);
  }
  return s + "]";
}

const char* reduceOpName(ReduceOp op) {
  switch (op) {
  case ReduceOp::None:
    return "=";
  case ReduceOp::Add:
    return "+=";
  case ReduceOp::Sub:
    return "-=";
  case ReduceOp::Mul:
    return "*=";
  case ReduceOp::Min:
    return "min=";
  case ReduceOp::Max:
    return "max=";
  case ReduceOp::BitAnd:
    return "&=";
  case ReduceOp::BitOr:
    return "|=";
  case ReduceOp::BitXor:
    return "^=";
  }
  return "?";
}

// ---------------------------------------------------------------- Access

Access::Access(const Array& array, std::vector<Expr> indices, SourceLoc loc)
    : fn_(array.function()), decl_(array.decl()), indices_(std::move(indices)),
      loc_(std::move(loc)) {
  require(decl_ != nullptr, ErrorKind::UnknownName, "access to an empty Array handle", loc_);
  // Validates rank and subscript types now, so the error points here.
  (void)read(decl_, indices_, loc_);
}

Access::operator Expr() const { return read(decl_, indices_, loc_); }

Access& Access::operator=(const Expr& value) { return reduce(ReduceOp::None, value); }
Access& Access::operator=(const Access& value) { return reduce(ReduceOp::None, Expr(value)); }
Access& Access::operator+=(const Expr& value) { return reduce(ReduceOp::Add, value); }
Access& Access::operator-=(const Expr& value) { return reduce(ReduceOp::Sub, value); }
Access& Access::operator*=(const Expr& value) { return reduce(ReduceOp::Mul, value); }
Access& Access::operator&=(const Expr& value) { return reduce(ReduceOp::BitAnd, value); }
Access& Access::operator|=(const Expr& value) { return reduce(ReduceOp::BitOr, value); }
Access& Access::operator^=(const Expr& value) { return reduce(ReduceOp::BitXor, value); }

Access& Access::reduce(ReduceOp op, const Expr& value) {
  require(fn_ != nullptr, ErrorKind::Internal, "array handle without a function", loc_);
  fn_->assign(decl_, indices_, value, op, loc_);
  return *this;
}

// ---------------------------------------------------------------- Function

Function::Function(Module& module, std::string name, SourceLoc loc)
    : module_(&module), name_(std::move(name)), loc_(std::move(loc)) {
  insertion_.push_back(&body_);
}

std::vector<std::shared_ptr<ArrayDecl>> Function::params() const {
  std::vector<std::shared_ptr<ArrayDecl>> out;
  for (const auto& a : arrays_) {
    if (a->role == ArrayRole::Argument) {
      out.push_back(a);
    }
  }
  for (const auto& a : arrays_) {
    if (a->role == ArrayRole::Returned) {
      out.push_back(a);
    }
  }
  return out;
}

std::shared_ptr<ArrayDecl> Function::findArray(const std::string& name) const {
  for (const auto& a : arrays_) {
    if (a->name == name) {
      return a;
    }
  }
  return nullptr;
}

Array Function::addArray(const std::string& name, ElemType type, std::vector<Expr> shape,
                         ArrayRole role, SourceLoc loc) {
  auto decl = std::make_shared<ArrayDecl>();
  decl->name = name;
  decl->type = type;
  decl->role = role;
  decl->loc = std::move(loc);
  for (auto& extent : shape) {
    if (extent.defined() && extent->weak) {
      extent = castIfNeeded(Index(), extent);
    }
    decl->shape.push_back(extent);
  }
  return declare(std::move(decl));
}

Array Function::declare(std::shared_ptr<ArrayDecl> decl) {
  const SourceLoc& loc = decl->loc;
  require(validIdentifier(decl->name), ErrorKind::InvalidShape,
          fmt::format("'{}' is not a valid array name (letters, digits and '_', not starting "
                      "with a digit)",
                      decl->name),
          loc);
  if (auto prev = findArray(decl->name)) {
    throw Error(ErrorKind::Redefinition,
                fmt::format("array '{}' is already declared in function '{}' (at {})", decl->name,
                            name_, prev->loc.str()),
                loc);
  }
  require(!module_->hasParam(decl->name), ErrorKind::Redefinition,
          fmt::format("array '{}' has the name of a module parameter", decl->name), loc);
  for (size_t d = 0; d < decl->rank(); ++d) {
    const Expr& extent = decl->shape[d];
    require(extent.defined(), ErrorKind::InvalidShape,
            fmt::format("extent {} of array '{}' is empty", d, decl->name), loc);
    // Extents may use only module parameters and constants.
    require(isAffine(extent), ErrorKind::NonAffine,
            fmt::format("extent {} of array '{}' must be an affine expression of module "
                        "parameters and constants, got '{}'",
                        d, decl->name, str(extent)),
            loc);
    std::function<bool(const Expr&)> usesVar = [&](const Expr& e) {
      if (e->kind == ExprKind::Var) {
        return true;
      }
      return std::any_of(e->ops.begin(), e->ops.end(), usesVar);
    };
    require(!usesVar(extent), ErrorKind::InvalidShape,
            fmt::format("extent {} of array '{}' uses a loop iterator ('{}'); extents may use "
                        "only module parameters and constants",
                        d, decl->name, str(extent)),
            loc);
    checkInScope(extent, fmt::format("extent {} of array '{}'", d, decl->name), loc);
    int64_t c = 0;
    if (constantValue(extent, c)) {
      require(c > 0, ErrorKind::InvalidShape,
              fmt::format("extent {} of array '{}' must be positive, got {}", d, decl->name, c),
              loc);
    }
  }
  arrays_.push_back(decl);
  return Array(decl, this);
}

Array Function::arg(const std::string& name, ElemType type, std::vector<Expr> shape, Loc loc) {
  return addArray(name, type, std::move(shape), ArrayRole::Argument, SourceLoc::from(loc));
}

Array Function::addFilled(const std::string& name, ElemType type, std::vector<Expr> shape,
                          ArrayRole role, const Expr& init, Loc loc) {
  Array a = addArray(name, type, std::move(shape), role, SourceLoc::from(loc));
  if (init.defined()) {
    fill(a, init, loc);
  }
  return a;
}

Array Function::result(const std::string& name, ElemType type, std::vector<Expr> shape, Expr init,
                       Loc loc) {
  return addFilled(name, type, std::move(shape), ArrayRole::Returned, init, loc);
}

Array Function::local(const std::string& name, ElemType type, std::vector<Expr> shape, Expr init,
                      Loc loc) {
  return addFilled(name, type, std::move(shape), ArrayRole::Local, init, loc);
}

Array Function::stream(const std::string& name, ElemType type, std::vector<Expr> shape,
                       int64_t depth, Loc loc) {
  require(depth >= 1, ErrorKind::InvalidArgument,
          fmt::format("stream '{}' has depth {}; a FIFO holds at least 1 element", name, depth),
          SourceLoc::from(loc));
  Array a = addArray(name, type, std::move(shape), ArrayRole::Local, SourceLoc::from(loc));
  a.decl()->streamDepth = depth;
  return a;
}

Array Function::scalar(const std::string& name, ElemType type, Expr init, Loc loc) {
  return local(name, type, {}, std::move(init), loc);
}

void Function::fill(const Array& a, Expr value, Loc loc) {
  fillAt(a, std::move(value), SourceLoc::from(loc));
}

void Function::fillAt(const Array& a, Expr value, SourceLoc loc) {
  require(a.function() == this, ErrorKind::UnknownName,
          fmt::format("fill: array '{}' belongs to another function", a.name()), loc);
  const auto& decl = a.decl();
  std::vector<std::string> names;
  for (size_t d = 0; d < decl->rank(); ++d) {
    names.push_back(fmt::format("{}_init{}", decl->name, d));
  }
  if (names.empty()) {
    assign(decl, {}, value, ReduceOp::None, loc);
    return;
  }
  gridImpl(names, decl->shape, {}, "", loc,
           [&](const std::vector<Expr>& it) { assign(decl, it, value, ReduceOp::None, loc); });
}

std::shared_ptr<const VarDecl> Function::newVar(const std::string& name) {
  return std::make_shared<const VarDecl>(VarDecl{name});
}

void Function::checkAffineInScope(const Expr& e, const char* what, const SourceLoc& loc) const {
  require(e.defined(), ErrorKind::NonAffine, fmt::format("{} is empty", what), loc);
  require(isAffine(e), ErrorKind::NonAffine,
          fmt::format("{} must be affine in enclosing loop iterators, module parameters and "
                      "constants (+, -, * by a constant, // and % by a positive constant, min, "
                      "max), got '{}'",
                      what, str(e)),
          loc);
  checkInScope(e, what, loc);
}

void Function::checkInScope(const Expr& e, const std::string& what, const SourceLoc& loc) const {
  if (e->kind == ExprKind::Var) {
    bool open = std::any_of(openLoops_.begin(), openLoops_.end(),
                            [&](const StmtNode* l) { return l->var == e->var; });
    require(open, ErrorKind::InvalidLoop,
            fmt::format("{} uses iterator '{}' outside of its loop", what, e->var->name), loc);
  }
  if (e->kind == ExprKind::Param) {
    require(module_->hasParam(e->param), ErrorKind::UnknownName,
            fmt::format("{} uses unknown parameter '{}'", what, e->param), loc);
  }
  if (e->kind == ExprKind::Read) {
    require(findArray(e->array->name) == e->array, ErrorKind::UnknownName,
            fmt::format("{} reads '{}', which is not an array of function '{}'", what,
                        e->array->name, name_),
            loc);
  }
  for (const auto& op : e->ops) {
    checkInScope(op, what, loc);
  }
}

void Function::for_(const std::string& name, Expr lb, Expr ub,
                    const std::function<void(Expr)>& body, Loc loc) {
  for_(name, std::move(lb), std::move(ub), LoopOptions{}, body, loc);
}

void Function::for_(const std::string& name, Expr lb, Expr ub, int64_t step,
                    const std::function<void(Expr)>& body, Loc loc) {
  LoopOptions opts;
  opts.step = step;
  loop(name, std::move(lb), std::move(ub), opts, body, SourceLoc::from(loc));
}

void Function::for_(const std::string& name, Expr lb, Expr ub, LoopOptions opts,
                    const std::function<void(Expr)>& body, Loc loc) {
  loop(name, std::move(lb), std::move(ub), opts, body, SourceLoc::from(loc));
}

void Function::loop(const std::string& name, Expr lb, Expr ub, LoopOptions opts,
                    const std::function<void(Expr)>& body, const SourceLoc& where) {
  require(validIdentifier(name), ErrorKind::InvalidLoop,
          fmt::format("'{}' is not a valid loop name (letters, digits and '_')", name), where);
  require(
      opts.step > 0, ErrorKind::InvalidLoop,
      fmt::format("loop '{}' has step {}; the step must be a positive constant", name, opts.step),
      where);
  for (const StmtNode* open : openLoops_) {
    require(open->name != name, ErrorKind::Redefinition,
            fmt::format("loop '{}' is nested inside a loop with the same name; rename one of them",
                        name),
            where);
  }
  checkAffineInScope(lb, fmt::format("the lower bound of loop '{}'", name).c_str(), where);
  checkAffineInScope(ub, fmt::format("the upper bound of loop '{}'", name).c_str(), where);
  auto node = std::make_shared<StmtNode>();
  node->kind = StmtKind::For;
  node->loc = where;
  node->var = newVar(name);
  node->lb = castIfNeeded(Index(), lb);
  node->ub = castIfNeeded(Index(), ub);
  node->step = opts.step;
  node->name = name;
  node->hints = opts.hints;
  node->bandLabel = opts.bandLabel;
  append(node);
  openLoops_.push_back(node.get());
  try {
    inside(node->body, [&] { body(varRef(node->var, where)); });
  } catch (...) {
    openLoops_.pop_back();
    throw;
  }
  openLoops_.pop_back();
}

void Function::gridImpl(const std::vector<std::string>& names, const std::vector<Expr>& extents,
                        LoopHints hints, const std::string& band, SourceLoc loc,
                        const std::function<void(const std::vector<Expr>&)>& body) {
  require(names.size() == extents.size(), ErrorKind::DimMismatch,
          fmt::format("grid: {} loop name(s) but {} extent(s)", names.size(), extents.size()), loc);
  require(!names.empty(), ErrorKind::DimMismatch, "grid: needs at least one loop", loc);
  std::vector<Expr> iters;
  std::function<void(size_t)> nest = [&](size_t d) {
    if (d == names.size()) {
      body(iters);
      return;
    }
    LoopOptions opts;
    if (d + 1 == names.size()) {
      opts.hints = hints;
    }
    if (d == 0) {
      opts.bandLabel = band;
    }
    loop(
        names[d], 0, extents[d], opts,
        [&](Expr it) {
          iters.push_back(it);
          nest(d + 1);
        },
        loc);
  };
  nest(0);
}

void Function::if_(Expr cond, const std::function<void()>& then, Loc loc) {
  ifElse(std::move(cond), then, nullptr, loc);
}

void Function::ifElse(Expr cond, const std::function<void()>& then,
                      const std::function<void()>& orelse, Loc loc) {
  branch(std::move(cond), then, orelse, SourceLoc::from(loc));
}

void Function::branch(Expr cond, const std::function<void()>& then,
                      const std::function<void()>& orelse, const SourceLoc& where) {
  require(cond.defined(), ErrorKind::TypeMismatch, "if: the condition is empty", where);
  checkInScope(cond, "the condition of an if", where);
  auto node = std::make_shared<StmtNode>();
  node->kind = StmtKind::If;
  node->loc = where;
  node->cond = truth(cond, where);
  append(node);
  inside(node->body, then);
  if (orelse) {
    inside(node->orelse, orelse);
  }
}

void Function::call(const Function& callee, const std::vector<Array>& args, Loc loc) {
  callAt(callee, args, SourceLoc::from(loc));
}

void Function::callAt(const Function& callee, const std::vector<Array>& args,
                      const SourceLoc& where, const std::vector<SourceLoc>& argLocs) {
  require(&callee.module() == module_, ErrorKind::InvalidCall,
          fmt::format("call to '{}': it belongs to another module", callee.name()), where);
  require(&callee != this, ErrorKind::InvalidCall,
          fmt::format("function '{}' calls itself; recursion is not supported", name_), where);
  auto params = callee.params();
  require(args.size() == params.size(), ErrorKind::InvalidCall,
          fmt::format("call to '{}' passes {} argument(s); it takes {} ({})", callee.name(),
                      args.size(), params.size(),
                      [&] {
                        std::vector<std::string> n;
                        for (const auto& p : params) {
                          n.push_back(p->name + ": " + p->typeStr());
                        }
                        return joinNames(n);
                      }()),
          where);
  auto node = std::make_shared<StmtNode>();
  node->kind = StmtKind::Call;
  node->loc = where;
  node->callee = callee.name();
  for (size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i].decl();
    const SourceLoc& at = i < argLocs.size() ? argLocs[i] : where;
    require(a != nullptr && args[i].function() == this, ErrorKind::InvalidCall,
            fmt::format("argument {} of the call to '{}' is not an array of '{}'", i + 1,
                        callee.name(), name_),
            at);
    require(a->type == params[i]->type && sameShape(*a, *params[i]), ErrorKind::InvalidCall,
            fmt::format("argument {} of the call to '{}': '{}' is {} but parameter '{}' is {}",
                        i + 1, callee.name(), a->name, a->typeStr(), params[i]->name,
                        params[i]->typeStr()),
            at);
    node->args.push_back(a);
  }
  append(node);
}

void Function::assign(const std::shared_ptr<ArrayDecl>& target, std::vector<Expr> indices,
                      Expr value, ReduceOp reduce, SourceLoc loc) {
  require(target != nullptr && findArray(target->name) == target, ErrorKind::UnknownName,
          fmt::format("assignment to '{}', which is not an array of function '{}'",
                      target ? target->name : "?", name_),
          loc);
  require(value.defined(), ErrorKind::TypeMismatch,
          fmt::format("assignment to '{}' of an empty expression", target->name), loc);
  Expr old = read(target, indices, loc); // validates the subscripts
  require(!target->isStream() || reduce == ReduceOp::None, ErrorKind::TypeMismatch,
          fmt::format("'{}' is a stream: put a value into it ({}[..].put(v)); an update "
                      "'{}' would read it, and reading a stream pops an element",
                      target->name, target->name, reduceOpName(reduce)),
          loc);
  std::string what = fmt::format("assignment to '{}'", target->name);
  checkInScope(old, what, loc);
  checkInScope(value, what, loc);
  Expr combined = value;
  switch (reduce) {
  case ReduceOp::None:
    break;
  case ReduceOp::Add:
    combined = binary(BinOp::Add, old, value, loc);
    break;
  case ReduceOp::Sub:
    combined = binary(BinOp::Sub, old, value, loc);
    break;
  case ReduceOp::Mul:
    combined = binary(BinOp::Mul, old, value, loc);
    break;
  case ReduceOp::Min:
    combined = binary(BinOp::Min, old, value, loc);
    break;
  case ReduceOp::Max:
    combined = binary(BinOp::Max, old, value, loc);
    break;
  case ReduceOp::BitAnd:
    combined = binary(BinOp::BitAnd, old, value, loc);
    break;
  case ReduceOp::BitOr:
    combined = binary(BinOp::BitOr, old, value, loc);
    break;
  case ReduceOp::BitXor:
    combined = binary(BinOp::BitXor, old, value, loc);
    break;
  }
  auto node = std::make_shared<StmtNode>();
  node->kind = StmtKind::Assign;
  // `C(i, j) += ...` has no call-site location of its own: use its loop's.
  node->loc = loc.known() || openLoops_.empty() ? loc : openLoops_.back()->loc;
  node->target = target;
  node->indices = std::move(indices);
  node->value = castIfNeeded(target->type, combined, loc);
  node->reduce = reduce;
  append(node);
}

void Function::append(StmtPtr stmt) {
  require(!insertion_.empty(), ErrorKind::Internal, "builder has no insertion point");
  const auto& building = module_->building_;
  if (!building.empty() && building.back() != this) {
    throw Error(ErrorKind::InvalidLoop,
                fmt::format("a statement of function '{}' is being added while a loop or branch "
                            "body of function '{}' is being built; statements go to the function "
                            "whose arrays they use and whose body is open (build one function at "
                            "a time)",
                            name_, building.back()->name()),
                stmt->loc);
  }
  insertion_.back()->push_back(std::move(stmt));
}

void Function::inside(std::vector<StmtPtr>& stmts, const std::function<void()>& fn) {
  insertion_.push_back(&stmts);
  module_->building_.push_back(this);
  auto leave = [&] {
    module_->building_.pop_back();
    insertion_.pop_back();
  };
  try {
    fn();
  } catch (...) {
    leave();
    throw;
  }
  leave();
}

// ---------------------------------------------------------------- Module

Expr Module::param(const std::string& name, std::source_location loc) {
  require(validIdentifier(name), ErrorKind::InvalidShape,
          fmt::format("'{}' is not a valid parameter name", name), SourceLoc::from(loc));
  if (!hasParam(name)) {
    params_.push_back(name);
  }
  return paramRef(name, SourceLoc::from(loc));
}

bool Module::hasParam(const std::string& name) const {
  return std::find(params_.begin(), params_.end(), name) != params_.end();
}

Function& Module::function(const std::string& name, std::source_location loc) {
  return functionAt(name, SourceLoc::from(loc));
}

Function& Module::functionAt(const std::string& name, const SourceLoc& loc) {
  require(validIdentifier(name), ErrorKind::InvalidCall,
          fmt::format("'{}' is not a valid function name", name), loc);
  if (Function* prev = findFunction(name)) {
    throw Error(ErrorKind::Redefinition,
                fmt::format("function '{}' is already defined (at {})", name, prev->loc().str()),
                loc);
  }
  functions_.push_back(std::make_unique<Function>(*this, name, loc));
  if (top_.empty()) {
    top_ = name;
  }
  return *functions_.back();
}

Function* Module::findFunction(const std::string& name) const {
  for (const auto& f : functions_) {
    if (f->name() == name) {
      return f.get();
    }
  }
  return nullptr;
}

Function& Module::top() const {
  Function* f = findFunction(top_);
  require(f != nullptr, ErrorKind::UnknownName, fmt::format("module '{}' has no functions", name_));
  return *f;
}

void Module::setTop(const std::string& name) {
  if (findFunction(name) == nullptr) {
    std::vector<std::string> names;
    for (const auto& f : functions_) {
      names.push_back(f->name());
    }
    throw Error(ErrorKind::UnknownName,
                fmt::format("no function named '{}'; functions: {}", name, joinNames(names)));
  }
  top_ = name;
}

} // namespace polyallo::core
