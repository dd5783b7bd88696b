// Expressions inside kernels: names, arithmetic with Allo's typing (core
// inserts the widening casts), reads, bit access, builtins and kernel calls.
#include "frontends/allo/KernelLowerer.h"

#include <fmt/format.h>

namespace polyallo::allo {

namespace {

using DeclPtr = std::shared_ptr<core::ArrayDecl>;

core::BinOp binOp(ast::BinaryOp op, const SourceLoc& loc) {
  using ast::BinaryOp;
  switch (op) {
  case BinaryOp::Add:
    return core::BinOp::Add;
  case BinaryOp::Sub:
    return core::BinOp::Sub;
  case BinaryOp::Mult:
    return core::BinOp::Mul;
  case BinaryOp::Div:
    return core::BinOp::Div;
  case BinaryOp::FloorDiv:
    return core::BinOp::FloorDiv;
  case BinaryOp::Mod:
    return core::BinOp::Mod;
  case BinaryOp::Pow:
    return core::BinOp::Pow;
  case BinaryOp::LShift:
    return core::BinOp::Shl;
  case BinaryOp::RShift:
    return core::BinOp::Shr;
  case BinaryOp::BitAnd:
    return core::BinOp::BitAnd;
  case BinaryOp::BitOr:
    return core::BinOp::BitOr;
  case BinaryOp::BitXor:
    return core::BinOp::BitXor;
  case BinaryOp::MatMult:
    break;
  }
  throw Error(ErrorKind::NotImplemented,
              "not implemented yet: '@' (matrix multiplication) inside a kernel; write the loops",
              loc);
}

const std::map<std::string, core::MathFn>& mathFunctions() {
  static const std::map<std::string, core::MathFn> fns = {
      {"allo.exp", core::MathFn::Exp},   {"allo.log", core::MathFn::Log},
      {"allo.log2", core::MathFn::Log2}, {"allo.log10", core::MathFn::Log10},
      {"allo.sqrt", core::MathFn::Sqrt}, {"allo.sin", core::MathFn::Sin},
      {"allo.cos", core::MathFn::Cos},   {"allo.tan", core::MathFn::Tan},
      {"allo.tanh", core::MathFn::Tanh}, {"allo.abs", core::MathFn::Abs},
      {"abs", core::MathFn::Abs},        {"allo.floor", core::MathFn::Floor},
      {"allo.ceil", core::MathFn::Ceil}};
  return fns;
}

} // namespace

bool KernelLowerer::usesRuntimeName(const ast::Expr& e) {
  // Memoized: expr() asks at every node, and a long chain would be quadratic.
  if (auto it = runtimeNames_.find(&e); it != runtimeNames_.end()) {
    return it->second;
  }
  bool uses = false;
  if (e.kind == ast::ExprKind::Name) {
    const Binding* b = lookup(e.id);
    uses = (b && b->kind != Binding::Constant) || (!b && table_.defs.count(e.id));
  }
  ast::forEachChild(e, [&](const ast::Expr& c) { uses = uses || usesRuntimeName(c); });
  runtimeNames_[&e] = uses;
  return uses;
}

std::optional<Value> KernelLowerer::tryConstant(const ast::Expr& e) {
  if (usesRuntimeName(e)) {
    return std::nullopt;
  }
  Value v;
  try {
    v = evaluate(e, constEnv());
  } catch (const Error& err) {
    if (err.kind() == ErrorKind::UnknownName || err.kind() == ErrorKind::NotConstant) {
      return std::nullopt; // expr() reports it with the kernel's names in scope
    }
    throw;
  }
  if (!v.isNumber()) {
    return std::nullopt;
  }
  return v;
}

Value KernelLowerer::constant(const ast::Expr& e, const char* what) {
  try {
    return evaluate(e, constEnv());
  } catch (const Error& err) {
    if (err.kind() == ErrorKind::NotConstant || err.kind() == ErrorKind::UnknownName) {
      throw Error(ErrorKind::NotConstant,
                  fmt::format("{} must be known at compile time: {}", what, err.message()),
                  err.loc());
    }
    throw;
  }
}

core::Expr KernelLowerer::valueToExpr(const Value& v, const SourceLoc& loc) {
  switch (v.kind) {
  case ValueKind::Int:
    return core::Expr(static_cast<long long>(v.i));
  case ValueKind::Float:
    return core::Expr(v.f);
  case ValueKind::Bool:
    return core::constant(v.i, core::Bool());
  default:
    throw Error(
        ErrorKind::TypeMismatch,
        fmt::format("{} '{}' is not a number a kernel can compute with", v.kindName(), v.str()),
        loc);
  }
}

core::Expr KernelLowerer::expr(const ast::Expr& e) {
  if (auto c = tryConstant(e)) {
    return valueToExpr(*c, e.loc);
  }
  using ast::ExprKind;
  switch (e.kind) {
  case ExprKind::Name:
    return nameExpr(e);
  case ExprKind::BinOp:
    return core::binary(binOp(e.binop, e.loc), expr(*e.left), expr(*e.right), e.loc);
  case ExprKind::UnaryOp: {
    core::Expr x = expr(*e.value);
    switch (e.unop) {
    case ast::UnaryOpKind::UAdd:
      return x;
    case ast::UnaryOpKind::USub:
      return core::unary(core::UnOp::Neg, x, e.loc);
    case ast::UnaryOpKind::Not:
      return core::unary(core::UnOp::Not, x, e.loc);
    case ast::UnaryOpKind::Invert:
      return core::unary(core::UnOp::BitNot, x, e.loc);
    }
    break;
  }
  case ExprKind::BoolOp: {
    core::BinOp op = e.boolop == ast::BoolOpKind::And ? core::BinOp::And : core::BinOp::Or;
    core::Expr acc = expr(*e.elts[0]);
    for (size_t k = 1; k < e.elts.size(); ++k) {
      acc = core::binary(op, acc, expr(*e.elts[k]), e.loc);
    }
    return acc;
  }
  case ExprKind::Compare:
    return compareExpr(e);
  case ExprKind::IfExp:
    return core::select(expr(*e.test), expr(*e.body), expr(*e.orelse), e.loc);
  case ExprKind::Subscript:
    return subscriptExpr(e);
  case ExprKind::Call:
    return callExpr(e);
  default:
    break;
  }
  throw Error(
      ErrorKind::TypeMismatch,
      fmt::format("'{}' is not a value a kernel can compute with (numbers, variables, array "
                  "elements and operations on them)",
                  str(e)),
      e.loc);
}

core::Expr KernelLowerer::nameExpr(const ast::Expr& e) {
  if (const Binding* b = lookup(e.id)) {
    switch (b->kind) {
    case Binding::Iterator:
      return b->iterator;
    case Binding::Constant:
      return valueToExpr(b->constant, e.loc);
    case Binding::Array:
      if (b->array->isStream()) {
        streamAsArray(*b->array, false, e.loc);
      }
      require(b->array->isScalar(), ErrorKind::TypeMismatch,
              fmt::format("array '{}' ({}) is used as a value; index it, e.g. {}[{}]", e.id,
                          b->array->typeStr(), e.id,
                          b->array->rank() == 1   ? "i"
                          : b->array->rank() == 2 ? "i, j"
                                                  : "i, j, ..."),
              e.loc);
      return core::read(b->array, {}, e.loc);
    }
  }
  if (auto v = table_.global(e.id)) {
    return valueToExpr(*v, e.loc);
  }
  throw Error(ErrorKind::UnknownName,
              fmt::format("unknown name '{}'; the names in scope in kernel '{}' are {}", e.id,
                          kernelName(), namesInScope()),
              e.loc);
}

DeclPtr KernelLowerer::arrayOf(const ast::Expr& e, const char* what) {
  require(e.kind == ast::ExprKind::Name, ErrorKind::TypeMismatch,
          fmt::format("{} must be an array or variable of kernel '{}', got '{}'", what,
                      kernelName(), str(e)),
          e.loc);
  const Binding* b = lookup(e.id);
  require(
      b != nullptr, ErrorKind::UnknownName,
      [&] {
        return fmt::format("unknown array '{}'; the names in scope in kernel '{}' are {}", e.id,
                           kernelName(), namesInScope());
      },
      e.loc);
  require(b->kind == Binding::Array, ErrorKind::TypeMismatch,
          fmt::format("{} must be an array or variable, but '{}' is {}", what, e.id,
                      b->kind == Binding::Iterator ? "a loop variable" : "a compile-time constant"),
          e.loc);
  return b->array;
}

std::vector<core::Expr> KernelLowerer::indices(const ast::Expr& index) {
  std::vector<const ast::Expr*> parts;
  if (index.kind == ast::ExprKind::Tuple) {
    for (const auto& x : index.elts) {
      parts.push_back(x.get());
    }
  } else {
    parts.push_back(&index);
  }
  std::vector<core::Expr> out;
  for (const ast::Expr* p : parts) {
    require(p->kind != ast::ExprKind::Slice, ErrorKind::NotImplemented,
            "not implemented yet: slices of arrays ('A[0:4]'); index single elements", p->loc);
    out.push_back(expr(*p));
  }
  return out;
}

core::Expr KernelLowerer::subscriptExpr(const ast::Expr& e) {
  // A[i][j] is A[i, j]; one subscript more than the rank reads bits.
  const ast::Expr* base = &e;
  std::vector<const ast::Expr*> chain;
  while (base->kind == ast::ExprKind::Subscript) {
    chain.insert(chain.begin(), base->index.get());
    base = base->value.get();
  }
  const Binding* b = base->kind == ast::ExprKind::Name ? lookup(base->id) : nullptr;
  if (b && b->kind == Binding::Array && b->array->isStream()) {
    streamAsArray(*b->array, false, e.loc);
  }
  if (!b || b->kind != Binding::Array || b->array->isScalar()) {
    // Bits of a scalar value: x[3], x[0:4].
    require(chain.size() == 1, ErrorKind::DimMismatch,
            fmt::format("'{}' is not an array; only one bit subscript applies to it", str(*base)),
            e.loc);
    if (!b) {
      require(
          base->kind != ast::ExprKind::Name || table_.global(base->id), ErrorKind::UnknownName,
          [&] {
            return fmt::format("unknown array '{}'; the names in scope in kernel '{}' are {}",
                               str(*base), kernelName(), namesInScope());
          },
          base->loc);
    }
    return bits(expr(*base), *chain[0], e.loc);
  }
  DeclPtr array = b->array;
  std::vector<const ast::Expr*> flat;
  for (const ast::Expr* i : chain) {
    if (i->kind == ast::ExprKind::Tuple) {
      for (const auto& x : i->elts) {
        flat.push_back(x.get());
      }
    } else {
      flat.push_back(i);
    }
  }
  require(
      flat.size() == array->rank() || flat.size() == array->rank() + 1, ErrorKind::DimMismatch,
      [&] {
        return fmt::format("'{}' is {}: it takes {} subscript(s), got {}", base->id,
                           array->typeStr(), array->rank(), flat.size());
      },
      e.loc);
  std::vector<core::Expr> idx;
  for (size_t k = 0; k < array->rank(); ++k) {
    require(flat[k]->kind != ast::ExprKind::Slice, ErrorKind::NotImplemented,
            "not implemented yet: slices of arrays ('A[0:4]'); index single elements",
            flat[k]->loc);
    idx.push_back(expr(*flat[k]));
  }
  core::Expr element = core::read(array, idx, e.loc);
  return flat.size() == array->rank() ? element : bits(element, *flat.back(), e.loc);
}

core::Expr KernelLowerer::bits(const core::Expr& x, const ast::Expr& index, const SourceLoc& loc) {
  require(x.type().isInt(), ErrorKind::TypeMismatch,
          fmt::format("bit access needs an integer, '{}' is {}", core::str(x), x.type().str()),
          loc);
  int width = x.type().width;
  if (index.kind != ast::ExprKind::Slice) {
    if (auto b = tryConstant(index)) {
      int64_t bit = requireInt(*b, "a bit index", index.loc);
      require(
          bit >= 0 && bit < width, ErrorKind::OutOfBounds,
          fmt::format("bit {} of a value of {} bits; it needs 0 <= bit < {}", bit, width, width),
          index.loc);
    }
    // x[b]: shifting then wrapping to one bit keeps bit b.
    return core::cast(core::UInt(1), core::binary(core::BinOp::Shr, x, expr(index), loc), loc);
  }
  require(index.lower && index.upper && !index.step, ErrorKind::InvalidArgument,
          "a bit slice is x[lo:hi] with both bounds (bits lo .. hi-1)", index.loc);
  int64_t lo =
      requireInt(constant(*index.lower, "a bit slice bound"), "a bit slice bound", index.loc);
  int64_t hi =
      requireInt(constant(*index.upper, "a bit slice bound"), "a bit slice bound", index.loc);
  require(lo >= 0 && lo < hi && hi <= width, ErrorKind::OutOfBounds,
          fmt::format("bit slice [{}:{}] of a value of {} bits; it needs 0 <= lo < hi <= {}", lo,
                      hi, width, width),
          index.loc);
  return core::cast(core::UInt(static_cast<int>(hi - lo)),
                    core::binary(core::BinOp::Shr, x, core::Expr(static_cast<long long>(lo)), loc),
                    loc);
}

core::Expr KernelLowerer::compareExpr(const ast::Expr& e) {
  static const std::map<ast::CmpOp, core::BinOp> ops = {
      {ast::CmpOp::Eq, core::BinOp::Eq}, {ast::CmpOp::NotEq, core::BinOp::Ne},
      {ast::CmpOp::Lt, core::BinOp::Lt}, {ast::CmpOp::LtE, core::BinOp::Le},
      {ast::CmpOp::Gt, core::BinOp::Gt}, {ast::CmpOp::GtE, core::BinOp::Ge}};
  core::Expr result;
  const ast::Expr* left = e.left.get();
  for (size_t k = 0; k < e.cmpops.size(); ++k) {
    const ast::Expr* right = e.elts[k].get();
    core::Expr link;
    ast::CmpOp op = e.cmpops[k];
    if (op == ast::CmpOp::In || op == ast::CmpOp::NotIn) {
      // i in {0, M + 1}: one equality per element of a constant collection.
      Value set = constant(*right, "the right side of 'in'");
      require(set.kind == ValueKind::Tuple, ErrorKind::TypeMismatch,
              fmt::format("'in' inside a kernel needs a constant tuple, list or set, got {}",
                          set.kindName()),
              right->loc);
      bool in = op == ast::CmpOp::In;
      link = core::constant(in ? 0 : 1, core::Bool());
      core::Expr x = expr(*left);
      for (const Value& v : set.elts) {
        core::Expr eq = core::binary(in ? core::BinOp::Eq : core::BinOp::Ne, x,
                                     valueToExpr(v, right->loc), e.loc);
        link = core::binary(in ? core::BinOp::Or : core::BinOp::And, link, eq, e.loc);
      }
    } else {
      auto it = ops.find(op);
      require(it != ops.end(), ErrorKind::NotImplemented,
              fmt::format("not implemented yet: '{}' inside a kernel; compare with == or !=",
                          ast::spelling(op)),
              e.loc);
      link = core::binary(it->second, expr(*left), expr(*right), e.loc);
    }
    result = result.defined() ? core::binary(core::BinOp::And, result, link, e.loc) : link;
    left = right;
  }
  return result;
}

core::Expr KernelLowerer::callExpr(const ast::Expr& e) {
  if (isMethodCall(e, "get")) {
    return getExpr(e);
  }
  require(!isMethodCall(e, "put"), ErrorKind::Syntax,
          fmt::format("'{}' is a statement of its own: a put gives no value", str(e)), e.loc);
  if (std::string member = dataflowMember(*e.value); !member.empty()) {
    throw Error(ErrorKind::Syntax,
                member == "get_pid"
                    ? (kernel_ ? std::string("df.get_pid() is assigned to names, one per mapping "
                                             "dimension: 'i, j = df.get_pid()'")
                               : fmt::format("df.get_pid() is called in kernel '{}', which is not "
                                             "a @df.kernel; it gives the coordinates of a "
                                             "processing element of a @df.kernel in a "
                                             "@df.region() function",
                                             def_.name))
                    : fmt::format("df.{}(...) is not a value a kernel can compute with; streams "
                                  "are declared in a @df.region() function's body",
                                  member),
                e.loc);
  }
  if (kernelCallee(e)) {
    auto outs = callKernel(e, {});
    require(outs.size() == 1 && outs[0]->isScalar(), ErrorKind::TypeMismatch,
            fmt::format("'{}' returns {}; only a kernel returning one scalar can be used in an "
                        "expression, assign arrays to a variable first",
                        str(*e.value), outs.size() == 1 ? outs[0]->typeStr() : "several values"),
            e.loc);
    return core::read(outs[0], {}, e.loc);
  }
  std::string fn = dottedName(*e.value);
  require(e.keywords.empty(), ErrorKind::InvalidCall,
          fmt::format("{}() takes no keyword arguments inside a kernel", fn), e.loc);
  std::vector<core::Expr> args;
  for (const auto& a : e.elts) {
    args.push_back(expr(*a));
  }
  auto arity = [&](size_t n) {
    require(args.size() == n, ErrorKind::InvalidCall,
            fmt::format("{}() takes {} argument(s), got {}", fn, n, args.size()), e.loc);
  };
  if (fn == "min" || fn == "max" || fn == "allo.min" || fn == "allo.max") {
    require(args.size() >= 2, ErrorKind::InvalidCall,
            fmt::format("{}() takes two or more values inside a kernel", fn), e.loc);
    core::BinOp op = fn.back() == 'n' ? core::BinOp::Min : core::BinOp::Max;
    core::Expr acc = args[0];
    for (size_t k = 1; k < args.size(); ++k) {
      acc = core::binary(op, acc, args[k], e.loc);
    }
    return acc;
  }
  if (fn == "float" || fn == "int") {
    arity(1);
    return core::cast(fn == "float" ? core::Float32() : core::Int(32), args[0], e.loc);
  }
  if (fn == "allo.power" || fn == "pow") {
    arity(2);
    return core::binary(core::BinOp::Pow, args[0], args[1], e.loc);
  }
  if (auto it = mathFunctions().find(fn); it != mathFunctions().end()) {
    arity(1);
    return core::call(it->second, args[0], e.loc);
  }
  // A type used as a function converts: int8(x), Fixed(8, 4)(x).
  if (auto t = tryConstantType(*e.value)) {
    arity(1);
    return core::cast(*t, args[0], e.loc);
  }
  throw Error(ErrorKind::UnknownName,
              fmt::format("unknown function '{}' inside a kernel; kernels can call the kernels of "
                          "this file, min, max, abs, float, int, allo.exp, log, log2, log10, sqrt, "
                          "sin, cos, tan, tanh, power, and a type to convert (int8(x))",
                          str(*e.value)),
              e.loc);
}

std::optional<core::ElemType> KernelLowerer::tryConstantType(const ast::Expr& e) {
  try {
    Value v = evaluate(e, constEnv());
    if (v.kind == ValueKind::Type && v.shape.empty()) {
      return v.type;
    }
  } catch (const Error&) {
  }
  return std::nullopt;
}

std::optional<Value> KernelLowerer::kernelCallee(const ast::Expr& call) {
  if (call.kind != ast::ExprKind::Call) {
    return std::nullopt;
  }
  const ast::Expr& f = *call.value;
  const ast::Expr* base = f.kind == ast::ExprKind::Subscript ? f.value.get() : &f;
  if (base->kind != ast::ExprKind::Name || lookup(base->id) || !table_.defs.count(base->id)) {
    return std::nullopt;
  }
  Value v = constant(f, "a template argument");
  if (v.kind != ValueKind::Kernel) {
    return std::nullopt;
  }
  return v;
}

std::vector<DeclPtr> KernelLowerer::callKernel(const ast::Expr& call,
                                               std::vector<DeclPtr> outputs) {
  Value kernel = *kernelCallee(call);
  std::string name;
  {
    // Lowered on first use (only the meta_if branches taken call anything).
    core::Module::BuildPause pause(*table_.module);
    name = lowerKernel(table_, kernel.text, kernel.templateArgs, false, call.loc);
  }
  const core::Function& callee = *table_.module->findFunction(name);
  require(call.keywords.empty(), ErrorKind::InvalidCall,
          fmt::format("kernel '{}' takes its arguments by position", name), call.loc);
  std::vector<DeclPtr> params = callee.params();
  std::vector<DeclPtr> inputs, returned;
  for (const DeclPtr& p : params) {
    (p->role == core::ArrayRole::Returned ? returned : inputs).push_back(p);
  }
  if (call.elts.size() != inputs.size()) {
    std::vector<std::string> sig;
    for (const DeclPtr& p : inputs) {
      sig.push_back(p->name + ": " + p->typeStr());
    }
    throw Error(ErrorKind::InvalidCall,
                fmt::format("kernel '{}' takes {} argument(s) ({}), got {}", name, inputs.size(),
                            fmt::join(sig, ", "), call.elts.size()),
                call.loc);
  }
  std::vector<core::Array> args;
  std::vector<SourceLoc> argLocs;
  for (size_t k = 0; k < inputs.size(); ++k) {
    const ast::Expr& a = *call.elts[k];
    argLocs.push_back(a.loc);
    const Binding* b = a.kind == ast::ExprKind::Name ? lookup(a.id) : nullptr;
    if (b && b->kind == Binding::Array) {
      require(!b->array->isStream(), ErrorKind::InvalidCall,
              fmt::format("argument {} of '{}' is stream '{}'; kernels take arrays and scalars, "
                          "a stream is used only by the @df.kernel functions of its region",
                          k + 1, name, a.id),
              a.loc);
      args.push_back(handle(b->array));
      continue;
    }
    // A value for a scalar parameter travels in a temporary.
    require(inputs[k]->isScalar(), ErrorKind::InvalidCall,
            fmt::format("argument {} of '{}' must be an array {} (parameter '{}'), got '{}'", k + 1,
                        name, inputs[k]->typeStr(), inputs[k]->name, str(a)),
            a.loc);
    DeclPtr tmp = declareHidden(fmt::format("{}_{}", name, inputs[k]->name),
                                Value::elemType(inputs[k]->type), core::ArrayRole::Local, a.loc);
    fn_->assign(tmp, {}, expr(a), core::ReduceOp::None, a.loc);
    args.push_back(handle(tmp));
  }
  if (outputs.empty()) {
    for (const DeclPtr& r : returned) {
      outputs.push_back(declareHidden(fmt::format("{}_{}", name, r->name), arrayType(*r),
                                      core::ArrayRole::Local, call.loc));
    }
  }
  require(outputs.size() == returned.size(), ErrorKind::InvalidCall,
          fmt::format("kernel '{}' returns {} value(s), {} receive them", name, returned.size(),
                      outputs.size()),
          call.loc);
  for (const DeclPtr& o : outputs) {
    args.push_back(handle(o));
    argLocs.push_back(call.loc);
  }
  fn_->callAt(callee, args, call.loc, argLocs);
  return outputs;
}

} // namespace polyallo::allo
