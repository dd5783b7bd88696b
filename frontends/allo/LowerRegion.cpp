// Dataflow regions (Allo's allo.dataflow): a @df.region() function becomes
// ONE core::Function. Each @df.kernel in it becomes a band of loops over its
// mapping, every loop unfolded (one processing element per iteration, see
// polyhedral/Unfold.h); the region's streams are local arrays of FIFOs.
//
//   @df.region()                               function top(A, B)
//   def top(A: int32[4], B: int32[4]):           pipe: Stream[int32, 2]
//       pipe: Stream[int32, 2]                   band "producer":
//       @df.kernel(mapping=[1], args=[A])          for producer_pid0 in [0, 1) [unfold]
//       def producer(X: int32[4]):                   for i in [0, 4): pipe = A[i]      (put)
//           for i in range(4):                   band "consumer":
//               pipe.put(X[i])                     for consumer_pid0 in [0, 1) [unfold]
//       @df.kernel(mapping=[1], args=[B])            for i in [0, 4): B[i] = pipe + 1  (get)
//       def consumer(Y: int32[4]):
//           for i in range(4):
//               Y[i] = pipe.get() + 1
//
// `i, j = df.get_pid()` binds the band's iterators; a meta_if over them
// becomes an affine if, so each PE keeps only its branch (LowerStmt.cpp).
#include "frontends/allo/KernelLowerer.h"

#include <fmt/format.h>

#include <cstring>

namespace polyallo::allo {

namespace {

using DeclPtr = std::shared_ptr<core::ArrayDecl>;

/// Stream's default depth in Allo (`Stream[T]`, `df.pipe(dtype=T)`).
constexpr int64_t kDefaultDepth = 2;

const ast::Expr& decoratorCallee(const ast::Expr& d) {
  return d.kind == ast::ExprKind::Call ? *d.value : d;
}

std::vector<const ast::Expr*> items(const ast::Expr& e) {
  std::vector<const ast::Expr*> out;
  if (e.kind == ast::ExprKind::Tuple || e.kind == ast::ExprKind::List) {
    for (const auto& x : e.elts) {
      out.push_back(x.get());
    }
  } else {
    out.push_back(&e);
  }
  return out;
}

/// `Stream[T, depth]` or `Stream[T, depth][shape]`.
bool isStreamAnnotation(const ast::Expr& e) {
  const ast::Expr* x = &e;
  if (x->kind == ast::ExprKind::Subscript && x->value->kind == ast::ExprKind::Subscript) {
    x = x->value.get();
  }
  if (x->kind != ast::ExprKind::Subscript) {
    return false;
  }
  std::string name = dottedName(*x->value);
  return name == "Stream" || (name.size() > 7 && name.substr(name.size() - 7) == ".Stream");
}

/// `fifo: Stream[...]`, `fifo = df.pipe(...)`, `fifo = df.array(df.pipe(...), ...)`.
bool isStreamDeclaration(const ast::Stmt& s) {
  if (s.kind == ast::StmtKind::AnnAssign) {
    return isStreamAnnotation(*s.annotation);
  }
  if (s.kind == ast::StmtKind::Assign) {
    return s.value && (isDataflowCall(*s.value, "pipe") || isDataflowCall(*s.value, "array"));
  }
  return false;
}

std::string declaredName(const ast::Stmt& s) {
  const ast::Expr& t = s.kind == ast::StmtKind::AnnAssign ? *s.target : *s.targets[0];
  return str(t);
}

/// The arguments of a call by parameter name: positional ones in `names`
/// order, then keywords; an unknown keyword or a repeated one is an error.
std::map<std::string, const ast::Expr*> callArguments(const ast::Expr& call,
                                                      const std::vector<std::string>& names,
                                                      const std::string& what) {
  std::map<std::string, const ast::Expr*> out;
  require(call.elts.size() <= names.size(), ErrorKind::InvalidCall,
          fmt::format("{} takes at most {} argument(s) ({}), got {}", what, names.size(),
                      fmt::join(names, ", "), call.elts.size()),
          call.loc);
  for (size_t k = 0; k < call.elts.size(); ++k) {
    out[names[k]] = call.elts[k].get();
  }
  for (const ast::Keyword& kw : call.keywords) {
    require(std::count(names.begin(), names.end(), kw.name) > 0, ErrorKind::InvalidCall,
            fmt::format("{} has no argument '{}'; it takes {}=", what, kw.name,
                        fmt::join(names, "=, ")),
            kw.loc);
    require(!out.count(kw.name), ErrorKind::InvalidCall,
            fmt::format("{}: argument '{}' is given twice", what, kw.name), kw.loc);
    out[kw.name] = kw.value.get();
  }
  return out;
}

} // namespace

// ------------------------------------------------------------------ syntax

std::string dataflowMember(const ast::Expr& e) {
  std::string name = dottedName(e);
  for (const char* prefix : {"df.", "allo.dataflow.", "dataflow."}) {
    size_t n = std::strlen(prefix);
    if (name.size() > n && name.compare(0, n, prefix) == 0 &&
        name.find('.', n) == std::string::npos) {
      return name.substr(n);
    }
  }
  return "";
}

bool isDataflowCall(const ast::Expr& e, const char* member) {
  return e.kind == ast::ExprKind::Call && dataflowMember(*e.value) == member;
}

bool isMethodCall(const ast::Expr& e, const char* method) {
  return e.kind == ast::ExprKind::Call && e.value->kind == ast::ExprKind::Attribute &&
         e.value->id == method && dataflowMember(*e.value).empty();
}

const ast::Expr* kernelDecorator(const ast::Stmt& def) {
  for (const auto& d : def.decorators) {
    if (dataflowMember(decoratorCallee(*d)) == "kernel") {
      return d.get();
    }
  }
  return nullptr;
}

bool isRegionDef(const ast::Stmt& def) {
  bool region = false;
  for (const auto& d : def.decorators) {
    std::string member = dataflowMember(decoratorCallee(*d));
    require(member != "kernel", ErrorKind::Syntax,
            fmt::format("@df.kernel '{}' is outside a dataflow region; define it in the body of "
                        "a @df.region() function, next to the streams it uses",
                        def.name),
            d->loc);
    if (member == "region") {
      require(d->kind != ast::ExprKind::Call || (d->elts.empty() && d->keywords.empty()),
              ErrorKind::InvalidCall, "@df.region() takes no arguments", d->loc);
      region = true;
    }
  }
  return region;
}

void refuseTopLevelStream(const ast::Stmt& s) {
  if (isStreamDeclaration(s)) {
    throw Error(ErrorKind::Syntax,
                fmt::format("stream '{}' is declared at the top level of the file; streams are "
                            "declared in the body of a @df.region() function, before its kernels",
                            declaredName(s)),
                s.loc);
  }
}

void KernelLowerer::refuseStreamHere(const ast::Stmt& s) {
  if (!isStreamDeclaration(s)) {
    return;
  }
  throw Error(
      ErrorKind::Syntax,
      kernel_ ? fmt::format("stream '{}' is declared inside @df.kernel '{}'; declare it in the "
                            "body of region '{}' (before its kernels) and use it from the kernel",
                            declaredName(s), kernelName(), def_.name)
              : fmt::format("stream '{}' is declared inside kernel '{}', which is not a dataflow "
                            "region; streams are declared in the body of a @df.region() "
                            "function, before its kernels",
                            declaredName(s), def_.name),
      s.loc);
}

// ------------------------------------------------------------------ the region

void KernelLowerer::region() {
  require(returnTypes_.empty(), ErrorKind::NotImplemented,
          fmt::format("not implemented yet: a @df.region() function that returns values; give "
                      "'{}' its output arrays as parameters",
                      def_.name),
          def_.loc);
  require(def_.typeParams.empty(), ErrorKind::NotImplemented,
          fmt::format("not implemented yet: template parameters of @df.region() function '{}'",
                      def_.name),
          def_.loc);
  scopes_.emplace_back();
  regionScope_ = scopes_.size() - 1;
  // Streams first: a kernel sees every stream of its region (Python closures).
  std::vector<const ast::Stmt*> kernels;
  for (const auto& sp : def_.body) {
    const ast::Stmt& s = *sp;
    if (isStreamDeclaration(s)) {
      declareStream(s);
      continue;
    }
    if (s.kind == ast::StmtKind::FunctionDef && kernelDecorator(s)) {
      kernels.push_back(&s);
      continue;
    }
    if (s.kind == ast::StmtKind::Pass ||
        (s.kind == ast::StmtKind::Expr && s.value->kind == ast::ExprKind::Str)) {
      continue;
    }
    require(!(s.kind == ast::StmtKind::Assign && isDataflowCall(*s.value, "get_pid")),
            ErrorKind::Syntax,
            fmt::format("df.get_pid() is called in the body of region '{}'; it gives the "
                        "coordinates of a processing element, call it inside a @df.kernel",
                        def_.name),
            s.value ? s.value->loc : s.loc);
    if (s.kind == ast::StmtKind::FunctionDef) {
      throw Error(ErrorKind::NotImplemented,
                  fmt::format("not implemented yet: def '{}' inside region '{}' without "
                              "@df.kernel(mapping=[...]); a region holds kernels (nested "
                              "regions and helper functions: define them at the top level)",
                              s.name, def_.name),
                  s.loc);
    }
    throw Error(ErrorKind::Syntax,
                fmt::format("the body of region '{}' holds stream declarations ('fifo: "
                            "Stream[float32, 4][P0, P1]') and @df.kernel functions; move this "
                            "statement into a kernel",
                            def_.name),
                s.loc);
  }
  for (const ast::Stmt* k : kernels) {
    dataflowKernel(*k);
  }
  scopes_.pop_back();
}

void KernelLowerer::declareStream(const ast::Stmt& s) {
  const ast::Expr& target = s.kind == ast::StmtKind::AnnAssign ? *s.target : *s.targets[0];
  require(target.kind == ast::ExprKind::Name &&
              (s.kind == ast::StmtKind::AnnAssign || s.targets.size() == 1),
          ErrorKind::Syntax,
          fmt::format("a stream declaration names one stream, e.g. 'fifo: Stream[float32, "
                      "4][P0, P1]'; got '{}'",
                      str(target)),
          target.loc);
  const ast::Expr* dtype = nullptr;
  const ast::Expr* depth = nullptr;
  const ast::Expr* shape = nullptr;        // of the array of FIFOs
  const ast::Expr* elementShape = nullptr; // df.pipe's shape= (of what one FIFO carries)
  if (s.kind == ast::StmtKind::AnnAssign) {
    require(s.value == nullptr, ErrorKind::Syntax,
            fmt::format("stream '{}' takes no value: 'fifo: Stream[T, depth][shape]' declares "
                        "empty FIFOs",
                        target.id),
            s.value ? s.value->loc : s.loc);
    const ast::Expr* ann = s.annotation.get();
    if (ann->value->kind == ast::ExprKind::Subscript) {
      shape = ann->index.get();
      ann = ann->value.get();
    }
    std::vector<const ast::Expr*> params = items(*ann->index);
    require(params.size() <= 2, ErrorKind::InvalidType,
            fmt::format("a stream type is Stream[T, depth] (optionally [shape] after it); got "
                        "'{}'",
                        str(*s.annotation)),
            s.annotation->loc);
    dtype = params[0];
    depth = params.size() == 2 ? params[1] : nullptr;
  } else {
    const ast::Expr* pipe = s.value.get();
    if (isDataflowCall(*pipe, "array")) {
      auto args = callArguments(*pipe, {"pipe", "shape"}, "df.array");
      require(args.count("pipe") && isDataflowCall(*args["pipe"], "pipe"), ErrorKind::InvalidCall,
              "df.array takes a df.pipe(dtype=..., depth=...) and a shape: 'df.array(df.pipe("
              "dtype=float32, depth=4), shape=(P0, P1))'",
              pipe->loc);
      require(args.count("shape"), ErrorKind::InvalidCall,
              "df.array needs shape=(...), the extents of the array of FIFOs", pipe->loc);
      shape = args["shape"];
      pipe = args["pipe"];
    }
    auto args = callArguments(*pipe, {"dtype", "shape", "depth"}, "df.pipe");
    require(args.count("dtype"), ErrorKind::InvalidCall,
            "df.pipe needs the element type: df.pipe(dtype=float32, depth=4)", pipe->loc);
    dtype = args["dtype"];
    depth = args.count("depth") ? args["depth"] : nullptr;
    elementShape = args.count("shape") ? args["shape"] : nullptr;
  }

  Value type = evaluateType(*dtype, constEnv());
  bool arrayElements = !type.shape.empty();
  if (elementShape) {
    Value es = constant(*elementShape, "the shape of a stream's elements");
    arrayElements = arrayElements || !(es.kind == ValueKind::Tuple && es.elts.empty());
  }
  require(!arrayElements, ErrorKind::NotImplemented,
          fmt::format("not implemented yet: stream '{}' of arrays; a FIFO carries scalars (put "
                      "and get the elements one by one)",
                      target.id),
          dtype->loc);
  int64_t d = kDefaultDepth;
  if (depth) {
    d = requireInt(constant(*depth, "the depth of a stream"), "the depth of a stream", depth->loc);
    require(d >= 1, ErrorKind::InvalidArgument,
            fmt::format("stream '{}' has depth {}; a FIFO holds at least 1 element", target.id, d),
            depth->loc);
  }
  if (shape) {
    Value v = constant(*shape, "the shape of an array of streams");
    std::vector<Value> extents = v.kind == ValueKind::Tuple ? v.elts : std::vector<Value>{v};
    for (const Value& e : extents) {
      int64_t n = requireInt(e, "an extent of an array of streams", shape->loc);
      require(n >= 1, ErrorKind::InvalidShape,
              fmt::format("array extents must be positive, got {}", n), shape->loc);
      type.shape.push_back(n);
    }
  }
  DeclPtr decl = declare(target.id, type, core::ArrayRole::Local, target.loc);
  decl->streamDepth = d;
}

// ------------------------------------------------------------------ kernels

std::vector<std::pair<std::string, DeclPtr>> KernelLowerer::kernelParams(const ast::Stmt& def,
                                                                         const ast::Expr* args) {
  std::vector<std::string> regionParams;
  for (const ast::Param& p : def_.params) {
    regionParams.push_back(p.name);
  }
  std::string listed =
      regionParams.empty() ? "none" : fmt::format("{}", fmt::join(regionParams, ", "));
  std::vector<const ast::Expr*> bound;
  if (args) {
    require(args->kind == ast::ExprKind::List || args->kind == ast::ExprKind::Tuple,
            ErrorKind::InvalidCall,
            fmt::format("args= lists arrays of region '{}' (its parameters: {}), e.g. args=[A, "
                        "B]; got '{}'",
                        def_.name, listed, str(*args)),
            args->loc);
    bound = items(*args);
    require(bound.size() == def.params.size(), ErrorKind::InvalidCall,
            fmt::format("kernel '{}' has {} parameter(s) but args= lists {} array(s); args= "
                        "binds the parameters by position",
                        def.name, def.params.size(), bound.size()),
            args->loc);
  }
  std::vector<std::pair<std::string, DeclPtr>> out;
  for (size_t k = 0; k < def.params.size(); ++k) {
    const ast::Param& p = def.params[k];
    require(p.annotation != nullptr, ErrorKind::InvalidType,
            fmt::format("parameter '{}' of kernel '{}' needs a type annotation, e.g. {}: "
                        "float32[M, N]",
                        p.name, def.name, p.name),
            p.loc);
    require(p.defaultValue == nullptr, ErrorKind::NotImplemented,
            fmt::format("not implemented yet: default value of kernel parameter '{}'", p.name),
            p.loc);
    Value type = evaluateType(*p.annotation, constEnv());
    DeclPtr array;
    std::string source;
    if (args) {
      const ast::Expr& a = *bound[k];
      const Binding* b = a.kind == ast::ExprKind::Name ? lookup(a.id) : nullptr;
      require(b && b->kind == Binding::Array && !b->array->isStream(), ErrorKind::InvalidCall,
              fmt::format("args= of kernel '{}' lists arrays of region '{}' (its parameters: "
                          "{}); '{}' is not one (kernels use the region's streams directly)",
                          def.name, def_.name, listed, str(a)),
              a.loc);
      array = b->array;
      source = a.id;
    } else {
      const Binding* b = lookup(p.name);
      if (b) {
        require(b->kind == Binding::Array && !b->array->isStream(), ErrorKind::InvalidCall,
                fmt::format("parameter '{}' of kernel '{}' names {} of region '{}'; a kernel's "
                            "parameters stand for the region's arrays (its parameters: {})",
                            p.name, def.name,
                            b->kind == Binding::Array ? "a stream" : "a compile-time constant",
                            def_.name, listed),
                p.loc);
        array = b->array;
      } else {
        // A region without parameters (Allo's older spelling) takes the
        // arrays its kernels name, in order of first use.
        require(def_.params.empty(), ErrorKind::UnknownName,
                fmt::format("parameter '{}' of kernel '{}' names no array of region '{}' (its "
                            "parameters: {}); name one of them or bind the parameters by "
                            "position with args=[...]",
                            p.name, def.name, def_.name, listed),
                p.loc);
        array = declareHidden(p.name, type, core::ArrayRole::Argument, p.loc);
        Binding nb;
        nb.kind = Binding::Array;
        nb.array = array;
        nb.loc = p.loc;
        scopes_[regionScope_][p.name] = nb;
      }
      source = p.name;
    }
    require(arrayType(*array) == type, ErrorKind::TypeMismatch,
            fmt::format("parameter '{}' of kernel '{}' is {} but it is bound to '{}' of region "
                        "'{}', which is {}; the types and shapes must match",
                        p.name, def.name, type.str(), source, def_.name, array->typeStr()),
            p.loc);
    out.emplace_back(p.name, array);
  }
  return out;
}

void KernelLowerer::dataflowKernel(const ast::Stmt& def) {
  const ast::Expr& deco = *kernelDecorator(def);
  require(deco.kind == ast::ExprKind::Call && deco.elts.empty(), ErrorKind::InvalidCall,
          fmt::format("@df.kernel takes keyword arguments: @df.kernel(mapping=[P0, P1]) and "
                      "optionally args=[A, B]; got '@{}'",
                      str(deco)),
          deco.loc);
  const ast::Expr* mappingExpr = nullptr;
  const ast::Expr* argsExpr = nullptr;
  for (const ast::Keyword& kw : deco.keywords) {
    require(kw.name == "mapping" || kw.name == "args", ErrorKind::InvalidCall,
            fmt::format("@df.kernel has no option '{}'; it takes mapping= and args=", kw.name),
            kw.loc);
    (kw.name == "mapping" ? mappingExpr : argsExpr) = kw.value.get();
  }
  require(mappingExpr != nullptr, ErrorKind::InvalidCall,
          fmt::format("@df.kernel '{}' needs mapping=[...], the number of processing elements "
                      "per dimension (mapping=[1] for one)",
                      def.name),
          deco.loc);
  Value m = constant(*mappingExpr, "the mapping of a kernel");
  std::vector<Value> extents = m.kind == ValueKind::Tuple ? m.elts : std::vector<Value>{m};
  std::vector<int64_t> mapping;
  for (const Value& e : extents) {
    require((e.kind == ValueKind::Int && e.i >= 1) && extents.size() <= 8,
            ErrorKind::InvalidArgument,
            fmt::format("mapping= lists the positive number of processing elements per "
                        "dimension (at most 8 dimensions), e.g. mapping=[2, 2]; got {}",
                        m.str()),
            mappingExpr->loc);
    mapping.push_back(e.i);
  }
  require(!mapping.empty(), ErrorKind::InvalidArgument,
          "mapping= lists at least one dimension, e.g. mapping=[1]", mappingExpr->loc);
  require(def.typeParams.empty(), ErrorKind::NotImplemented,
          fmt::format("not implemented yet: template parameters of @df.kernel '{}'", def.name),
          def.loc);
  require(def.returns == nullptr, ErrorKind::NotImplemented,
          fmt::format("not implemented yet: @df.kernel '{}' returning a value; write results into "
                      "an array parameter",
                      def.name),
          def.returns ? def.returns->loc : def.loc);
  auto params = kernelParams(def, argsExpr);

  // The loops are named after the pids when the body destructures them.
  std::vector<std::string> names;
  for (const auto& s : def.body) {
    if (s->kind == ast::StmtKind::Assign && s->targets.size() == 1 &&
        isDataflowCall(*s->value, "get_pid")) {
      for (const ast::Expr* t : items(*s->targets[0])) {
        if (t->kind == ast::ExprKind::Name && t->id != "_") {
          names.push_back(t->id);
        }
      }
      break;
    }
  }
  if (names.size() != mapping.size()) {
    names.clear();
    for (size_t d = 0; d < mapping.size(); ++d) {
      names.push_back(fmt::format("{}_pid{}", def.name, d));
    }
  }

  DataflowKernel dk;
  dk.def = &def;
  dk.mapping = mapping;
  kernel_ = &dk;
  std::function<void(size_t)> nest = [&](size_t d) {
    if (d == mapping.size()) {
      scopes_.emplace_back();
      for (const auto& [name, array] : params) {
        Binding b;
        b.kind = Binding::Array;
        b.array = array;
        bind(name, b, def.loc);
      }
      block(def.body);
      scopes_.pop_back();
      return;
    }
    core::Function::LoopOptions opts;
    opts.hints.unfold = true;
    if (d == 0) {
      opts.bandLabel = def.name;
    }
    fn_->loop(
        names[d], core::Expr(0), core::Expr(static_cast<long long>(mapping[d])), opts,
        [&](core::Expr it) {
          dk.pids.push_back(it);
          nest(d + 1);
          dk.pids.pop_back();
        },
        def.loc);
  };
  try {
    nest(0);
  } catch (...) {
    kernel_ = nullptr;
    throw;
  }
  kernel_ = nullptr;
}

void KernelLowerer::pidAssign(const ast::Stmt& s) {
  const ast::Expr& call = *s.value;
  require(kernel_ != nullptr, ErrorKind::Syntax,
          fmt::format("df.get_pid() is called in kernel '{}', which is not a @df.kernel; it gives "
                      "the coordinates of a processing element of a @df.kernel in a "
                      "@df.region() function",
                      def_.name),
          call.loc);
  require(call.elts.empty() && call.keywords.empty(), ErrorKind::InvalidCall,
          "df.get_pid() takes no arguments", call.loc);
  require(s.targets.size() == 1, ErrorKind::NotImplemented,
          "not implemented yet: chained assignment of df.get_pid()", s.loc);
  std::vector<const ast::Expr*> targets = items(*s.targets[0]);
  const auto& mapping = kernel_->mapping;
  require(targets.size() == mapping.size(), ErrorKind::DimMismatch,
          fmt::format("kernel '{}' has mapping [{}]: df.get_pid() gives {} value(s), one per "
                      "dimension; got {} name(s)",
                      kernelName(), fmt::join(mapping, ", "), mapping.size(), targets.size()),
          s.targets[0]->loc);
  for (size_t d = 0; d < targets.size(); ++d) {
    const ast::Expr& t = *targets[d];
    require(t.kind == ast::ExprKind::Name, ErrorKind::Syntax,
            fmt::format("df.get_pid() is assigned to names, e.g. 'i, j = df.get_pid()'; got '{}'",
                        str(t)),
            t.loc);
    if (t.id == "_") {
      continue;
    }
    const Binding* prev = lookup(t.id);
    require(!prev, ErrorKind::Redefinition,
            fmt::format("'{}' is already defined at {}; name the coordinate differently", t.id,
                        prev ? prev->loc.str() : ""),
            t.loc);
    Binding b;
    b.kind = Binding::Iterator;
    b.iterator = kernel_->pids[d];
    bind(t.id, b, t.loc);
  }
}

// ------------------------------------------------------------------ streams

std::pair<DeclPtr, std::vector<core::Expr>>
KernelLowerer::streamElement(const ast::Expr& base, const char* method, const SourceLoc& loc) {
  const ast::Expr* name = &base;
  std::vector<const ast::Expr*> chain;
  while (name->kind == ast::ExprKind::Subscript) {
    chain.insert(chain.begin(), name->index.get());
    name = name->value.get();
  }
  require(name->kind == ast::ExprKind::Name, ErrorKind::TypeMismatch,
          fmt::format(".{}() is a method of streams, e.g. fifo[i, j].{}(...); '{}' is not a "
                      "stream",
                      method, method, str(base)),
          loc);
  const Binding* b = lookup(name->id);
  require(
      b != nullptr, ErrorKind::UnknownName,
      [&] {
        return fmt::format("unknown stream '{}'; the names in scope in kernel '{}' are {}",
                           name->id, kernelName(), namesInScope());
      },
      name->loc);
  if (b->kind != Binding::Array || !b->array->isStream()) {
    bool put = std::strcmp(method, "put") == 0;
    std::string what = b->kind == Binding::Iterator   ? "a loop variable"
                       : b->kind == Binding::Constant ? "a compile-time constant"
                       : b->array->isScalar() ? fmt::format("a variable ({})", b->array->typeStr())
                                              : fmt::format("an array ({})", b->array->typeStr());
    std::string instead = b->kind != Binding::Array ? ""
                          : put ? fmt::format("; assign to it instead: {}{} = v", name->id,
                                              b->array->isScalar() ? "" : "[...]")
                                : fmt::format("; read it instead: {}{}", name->id,
                                              b->array->isScalar() ? "" : "[...]");
    throw Error(ErrorKind::TypeMismatch,
                fmt::format(".{}() is a method of streams, but '{}' is {}{}", method, name->id,
                            what, instead),
                loc);
  }
  const DeclPtr& stream = b->array;
  std::vector<const ast::Expr*> flat;
  for (const ast::Expr* i : chain) {
    for (const ast::Expr* x : items(*i)) {
      flat.push_back(x);
    }
  }
  require(
      flat.size() == stream->rank(), ErrorKind::DimMismatch,
      [&] {
        return stream->isScalar()
                   ? fmt::format("'{}' is one FIFO ({}): call {}.{}() without subscripts", name->id,
                                 stream->typeStr(), name->id, method)
                   : fmt::format("'{}' is {}: {}[...].{}() takes {} subscript(s) naming one "
                                 "FIFO, got {}",
                                 name->id, stream->typeStr(), name->id, method, stream->rank(),
                                 flat.size());
      },
      base.loc);
  std::vector<core::Expr> idx;
  for (const ast::Expr* x : flat) {
    require(x->kind != ast::ExprKind::Slice, ErrorKind::NotImplemented,
            "not implemented yet: slices of arrays of streams; name one FIFO", x->loc);
    idx.push_back(expr(*x));
  }
  return {stream, idx};
}

void KernelLowerer::streamStatement(const ast::Expr& call) {
  const SourceLoc& at = call.value->nameLoc.known() ? call.value->nameLoc : call.loc;
  if (isMethodCall(call, "get")) {
    // A get whose value nobody uses still pops the element (drain PEs).
    core::Expr v = getExpr(call);
    const core::ExprNode& read = *v;
    DeclPtr sink = declareHidden(read.array->name + "_drop", Value::elemType(read.array->type),
                                 core::ArrayRole::Local, call.loc);
    fn_->assign(sink, {}, v, core::ReduceOp::None, call.loc);
    return;
  }
  require(call.elts.size() == 1 && call.keywords.empty(), ErrorKind::InvalidCall,
          fmt::format(".put() takes one value: {}.put(v)", str(*call.value->value)), at);
  auto [stream, idx] = streamElement(*call.value->value, "put", at);
  fn_->assign(stream, idx, expr(*call.elts[0]), core::ReduceOp::None, call.loc);
}

core::Expr KernelLowerer::getExpr(const ast::Expr& call) {
  const SourceLoc& at = call.value->nameLoc.known() ? call.value->nameLoc : call.loc;
  require(call.elts.empty() && call.keywords.empty(), ErrorKind::InvalidCall,
          fmt::format(".get() takes no arguments: {}.get()", str(*call.value->value)), at);
  auto [stream, idx] = streamElement(*call.value->value, "get", at);
  return core::read(stream, idx, call.loc);
}

DeclPtr KernelLowerer::streamNamed(const ast::Expr& target) {
  const ast::Expr* base = &target;
  while (base->kind == ast::ExprKind::Subscript) {
    base = base->value.get();
  }
  if (base->kind != ast::ExprKind::Name) {
    return nullptr;
  }
  const Binding* b = lookup(base->id);
  return b && b->kind == Binding::Array && b->array->isStream() ? b->array : nullptr;
}

void KernelLowerer::streamAsArray(const core::ArrayDecl& stream, bool write, const SourceLoc& loc) {
  std::string element = stream.isScalar() ? stream.name : stream.name + "[...]";
  throw Error(ErrorKind::TypeMismatch,
              write ? fmt::format("'{}' is a stream ({}), not an array: put a value into it with "
                                  "{}.put(v)",
                                  stream.name, stream.typeStr(), element)
                    : fmt::format("'{}' is a stream ({}), not an array: take a value out of it "
                                  "with {}.get()",
                                  stream.name, stream.typeStr(), element),
              loc);
}

// ------------------------------------------------------------------ meta_if per PE

core::Expr KernelLowerer::pidCondition(const ast::Expr& cond) {
  const std::string rule =
      "meta_if conditions are compile-time constants or depend only on the kernel's "
      "df.get_pid() values";
  // A kernel call would add statements: refuse it before lowering anything.
  std::function<void(const ast::Expr&)> noCalls = [&](const ast::Expr& e) {
    if (kernelCallee(e)) {
      throw Error(
          ErrorKind::NotConstant,
          fmt::format("the condition of meta_if calls kernel '{}'; {}", str(*e.value), rule),
          e.loc);
    }
    ast::forEachChild(e, noCalls);
  };
  noCalls(cond);
  core::Expr c = expr(cond);
  std::function<void(const core::Expr&)> check = [&](const core::Expr& e) {
    if (e->kind == core::ExprKind::Read) {
      throw Error(ErrorKind::NotConstant,
                  fmt::format("the condition of meta_if in kernel '{}' reads '{}' ('{}'); {}",
                              kernelName(), e->array->name, str(cond), rule),
                  e->loc.known() ? e->loc : cond.loc);
    }
    if (e->kind == core::ExprKind::Var &&
        std::none_of(kernel_->pids.begin(), kernel_->pids.end(),
                     [&](const core::Expr& p) { return p->var == e->var; })) {
      throw Error(ErrorKind::NotConstant,
                  fmt::format("the condition of meta_if in kernel '{}' uses loop variable '{}'; {}",
                              kernelName(), e->var->name, rule),
                  cond.loc);
    }
    for (const core::Expr& op : e->ops) {
      check(op);
    }
  };
  check(c);
  if (!c.type().isBool()) {
    c = core::binary(core::BinOp::Ne, c, core::Expr(0), cond.loc);
  }
  require(core::isAffineCondition(c), ErrorKind::NonAffine,
          fmt::format("the condition of meta_if in kernel '{}' must be affine in the "
                      "df.get_pid() values (comparisons of sums and constant multiples, and, or, "
                      "not, 'in' a constant set); got '{}'",
                      kernelName(), str(cond)),
          cond.loc);
  return c;
}

} // namespace polyallo::allo
