#include "frontends/allo/ConstEval.h"

#include "frontends/allo/Parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace polyallo::allo {

namespace {

// Modules a kernel file imports; their attributes are namespaces too.
const std::set<std::string> kModules = {"allo",   "np", "numpy", "df",       "math",
                                        "pytest", "os", "sys",   "Partition"};

std::optional<core::ElemType> typeNamed(const std::string& name) {
  if (name == "bool") {
    return core::Bool();
  }
  if (name == "index") {
    return core::Index();
  }
  if (name == "float32") {
    return core::Float32();
  }
  if (name == "float64") {
    return core::Float64();
  }
  for (const char* prefix : {"int", "uint"}) {
    std::string p = prefix;
    if (name.size() > p.size() && name.compare(0, p.size(), p) == 0 &&
        std::all_of(name.begin() + static_cast<long>(p.size()), name.end(), ::isdigit) &&
        name.size() <= p.size() + 2 && name[p.size()] != '0') {
      int width = std::stoi(name.substr(p.size()));
      if (width >= 1 && width <= 64) {
        return p == "int" ? core::Int(width) : core::UInt(width);
      }
    }
  }
  return std::nullopt;
}

const std::set<std::string> kBuiltinFunctions = {"Int", "UInt", "Fixed", "UFixed", "min",  "max",
                                                 "abs", "len",  "int",   "float",  "range"};

class Evaluator {
public:
  explicit Evaluator(const ConstEnv& env) : env_(env) {}

  Value eval(const ast::Expr& e) {
    using ast::ExprKind;
    switch (e.kind) {
    case ExprKind::Int:
      if (e.ival > static_cast<uint64_t>(INT64_MAX)) {
        throw Error(ErrorKind::InvalidArgument, "integer constant overflows 64 bits", e.loc);
      }
      return Value::integer(static_cast<int64_t>(e.ival));
    case ExprKind::Float:
      return Value::real(e.fval);
    case ExprKind::Str:
      return Value::string(e.str);
    case ExprKind::Bool:
      return Value::boolean(e.bval);
    case ExprKind::None:
      return Value::none();
    case ExprKind::Name:
      return name(e);
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::Set:
      return sequence(e);
    case ExprKind::Attribute:
      return attribute(e);
    case ExprKind::Subscript:
      return subscript(e);
    case ExprKind::Call:
      return call(e);
    case ExprKind::BinOp:
      return applyBinary(e.binop, eval(*e.left), eval(*e.right), e.loc);
    case ExprKind::UnaryOp:
      return applyUnary(e.unop, eval(*e.value), e.loc);
    case ExprKind::BoolOp: {
      Value v;
      for (const auto& operand : e.elts) {
        v = eval(*operand);
        // Python returns the deciding operand itself.
        if (v.truthy() == (e.boolop == ast::BoolOpKind::Or)) {
          return v;
        }
      }
      return v;
    }
    case ExprKind::Compare: {
      Value left = eval(*e.left);
      for (size_t k = 0; k < e.cmpops.size(); ++k) {
        Value right = eval(*e.elts[k]);
        if (!applyCompare(e.cmpops[k], left, right, e.loc)) {
          return Value::boolean(false);
        }
        left = std::move(right);
      }
      return Value::boolean(true);
    }
    case ExprKind::IfExp:
      return eval(*e.test).truthy() ? eval(*e.body) : eval(*e.orelse);
    case ExprKind::Slice:
      break;
    }
    throw Error(ErrorKind::NotConstant, "a slice is not a compile-time value here", e.loc);
  }

private:
  Value name(const ast::Expr& e) {
    if (env_.lookup) {
      if (auto v = env_.lookup(e.id, e.loc)) {
        return *v;
      }
    }
    if (auto v = builtin(e.id)) {
      return *v;
    }
    throw Error(ErrorKind::UnknownName,
                fmt::format("name '{}' is not defined{}", e.id,
                            env_.describeNames ? "; " + env_.describeNames() : ""),
                e.loc);
  }

  Value sequence(const ast::Expr& e) {
    std::vector<Value> elts;
    for (const auto& x : e.elts) {
      elts.push_back(eval(*x));
    }
    auto kind = e.kind == ast::ExprKind::List  ? SequenceKind::List
                : e.kind == ast::ExprKind::Set ? SequenceKind::Set
                                               : SequenceKind::Tuple;
    return Value::tuple(std::move(elts), kind);
  }

  Value attribute(const ast::Expr& e) {
    Value base = eval(*e.value);
    if (env_.attribute) {
      if (auto v = env_.attribute(e, base)) {
        return *v;
      }
    }
    if (base.kind == ValueKind::Namespace) {
      if (base.text == "Partition" || base.text == "allo.Partition" ||
          base.text == "allo.customize.Partition") {
        static const std::vector<std::string> kinds = {"Complete", "Block", "Cyclic"};
        auto it = std::find(kinds.begin(), kinds.end(), e.id);
        if (it == kinds.end()) {
          throw Error(
              ErrorKind::UnknownName,
              fmt::format("Partition has no member '{}'; it has Complete, Block, Cyclic", e.id),
              e.loc);
        }
        return Value::integer(it - kinds.begin());
      }
      if (auto t = typeNamed(e.id); t && base.text.rfind("allo", 0) == 0) {
        return Value::elemType(*t);
      }
      if (base.text.rfind("allo", 0) == 0 && kBuiltinFunctions.count(e.id) && e.id[0] <= 'Z') {
        return Value::named(ValueKind::Namespace, e.id); // allo.ir.types.Fixed
      }
      return Value::named(ValueKind::Namespace, base.text + "." + e.id);
    }
    if (base.kind == ValueKind::Opaque) {
      return base;
    }
    if (base.kind == ValueKind::Type && e.id == "bits") {
      return Value::integer(base.type.width);
    }
    throw Error(ErrorKind::NotConstant,
                fmt::format("{} '{}' has no compile-time attribute '{}'", base.kindName(),
                            base.str(), e.id),
                e.loc);
  }

  Value subscript(const ast::Expr& e) {
    Value base = eval(*e.value);
    std::vector<const ast::Expr*> indices;
    if (e.index->kind == ast::ExprKind::Tuple) {
      for (const auto& x : e.index->elts) {
        indices.push_back(x.get());
      }
    } else {
      indices.push_back(e.index.get());
    }
    if (base.kind == ValueKind::Type) {
      require(base.shape.empty(), ErrorKind::InvalidType,
              fmt::format("'{}' already has a shape", base.str()), e.loc);
      for (const ast::Expr* x : indices) {
        int64_t extent = requireInt(eval(*x), "an array extent", x->loc);
        require(extent >= 1, ErrorKind::InvalidShape,
                fmt::format("array extents must be positive, got {}", extent), x->loc);
        base.shape.push_back(extent);
        int64_t elements = 1;
        for (int64_t n : base.shape) {
          require(!__builtin_mul_overflow(elements, n, &elements) && elements <= (int64_t{1} << 48),
                  ErrorKind::InvalidShape, "an array of more than 2^48 elements is not supported",
                  x->loc);
        }
      }
      return base;
    }
    if (base.kind == ValueKind::Kernel) {
      for (const ast::Expr* x : indices) {
        base.templateArgs.push_back(eval(*x));
      }
      return base;
    }
    if (base.kind == ValueKind::Opaque) {
      return base;
    }
    if (base.kind == ValueKind::Handle && env_.attribute && indices.size() == 1) {
      // loops["S_i_j_0"] is loops.S_i_j_0 (the script's handles decide).
      Value key = eval(*indices[0]);
      if (key.kind == ValueKind::Str) {
        ast::Expr member;
        member.kind = ast::ExprKind::Attribute;
        member.id = key.text;
        member.loc = e.loc;
        member.nameLoc = indices[0]->loc;
        if (auto v = env_.attribute(member, base)) {
          return *v;
        }
      }
    }
    if ((base.kind == ValueKind::Tuple || base.kind == ValueKind::Str) && indices.size() == 1 &&
        indices[0]->kind != ast::ExprKind::Slice) {
      int64_t k = requireInt(eval(*indices[0]), "a sequence index", indices[0]->loc);
      int64_t n =
          static_cast<int64_t>(base.kind == ValueKind::Tuple ? base.elts.size() : base.text.size());
      if (k < 0) {
        k += n;
      }
      require(k >= 0 && k < n, ErrorKind::OutOfBounds,
              fmt::format("index {} is out of range for {} of length {}", k, base.kindName(), n),
              e.loc);
      return base.kind == ValueKind::Tuple
                 ? base.elts[static_cast<size_t>(k)]
                 : Value::string(base.text.substr(static_cast<size_t>(k), 1));
    }
    throw Error(
        ErrorKind::NotConstant,
        fmt::format("cannot subscript {} '{}' at compile time", base.kindName(), base.str()),
        e.loc);
  }

  Value call(const ast::Expr& e) {
    Value callee = eval(*e.value);
    if (env_.call) {
      if (auto v = env_.call(e, callee)) {
        return *v;
      }
    }
    if (callee.kind == ValueKind::Namespace && kBuiltinFunctions.count(callee.text)) {
      return builtinCall(e, callee.text);
    }
    if (callee.kind == ValueKind::Namespace || callee.kind == ValueKind::Opaque) {
      // np.zeros(...), math.cos(...): only Python can run these.
      return Value::named(ValueKind::Opaque, fmt::format("result of {}(...)", callee.str()));
    }
    throw Error(
        ErrorKind::NotConstant,
        fmt::format("{} '{}' cannot be called at compile time", callee.kindName(), callee.str()),
        e.loc);
  }

  std::vector<Value> args(const ast::Expr& e) {
    require(e.keywords.empty(), ErrorKind::InvalidCall,
            fmt::format("keyword arguments are not accepted here: '{}'", str(e)), e.loc);
    std::vector<Value> out;
    for (const auto& a : e.elts) {
      out.push_back(eval(*a));
    }
    return out;
  }

  Value builtinCall(const ast::Expr& e, const std::string& fn) {
    std::vector<Value> a = args(e);
    auto arity = [&](size_t lo, size_t hi) {
      require(a.size() >= lo && a.size() <= hi, ErrorKind::InvalidCall,
              fmt::format("{}() takes {} argument(s), got {}", fn,
                          lo == hi ? std::to_string(lo) : fmt::format("{} to {}", lo, hi),
                          a.size()),
              e.loc);
    };
    auto intArg = [&](size_t k) {
      return requireInt(a[k], fmt::format("argument {} of {}()", k + 1, fn), e.loc);
    };
    auto typeFrom = [&](auto make) {
      try {
        return Value::elemType(make());
      } catch (const Error& err) {
        throw Error(err.kind(), err.message(), e.loc);
      }
    };
    // Widths far out of range keep their value in the message: core says what is legal.
    auto width = [&](size_t k) {
      int64_t v = intArg(k);
      require(v >= -1 && v <= 1024, ErrorKind::InvalidType,
              fmt::format("{}(): {} bits is out of range; widths are 1 to 64", fn, v), e.loc);
      return static_cast<int>(v);
    };
    if (fn == "Int" || fn == "UInt") {
      arity(1, 1);
      int w = width(0);
      return typeFrom([&] { return fn == "Int" ? core::Int(w) : core::UInt(w); });
    }
    if (fn == "Fixed" || fn == "UFixed") {
      arity(2, 2);
      int w = width(0);
      int f = width(1);
      return typeFrom([&] { return fn == "Fixed" ? core::Fixed(w, f) : core::UFixed(w, f); });
    }
    if (fn == "len") {
      arity(1, 1);
      require(a[0].kind == ValueKind::Tuple || a[0].kind == ValueKind::Str, ErrorKind::NotConstant,
              fmt::format("len() of {}", a[0].kindName()), e.loc);
      return Value::integer(static_cast<int64_t>(a[0].kind == ValueKind::Tuple ? a[0].elts.size()
                                                                               : a[0].text.size()));
    }
    if (fn == "int" || fn == "float" || fn == "abs") {
      arity(1, 1);
      require(a[0].isNumber(), ErrorKind::NotConstant,
              fmt::format("{}() of {} at compile time", fn, a[0].kindName()), e.loc);
      if (fn == "abs") {
        return a[0].kind == ValueKind::Float
                   ? Value::real(std::abs(a[0].f))
                   : applyUnary(a[0].i < 0 ? ast::UnaryOpKind::USub : ast::UnaryOpKind::UAdd, a[0],
                                e.loc);
      }
      double d = a[0].kind == ValueKind::Float ? a[0].f : static_cast<double>(a[0].i);
      if (fn == "float") {
        return Value::real(d);
      }
      if (a[0].kind != ValueKind::Float) {
        return Value::integer(a[0].i);
      }
      require(d > -9.2e18 && d < 9.2e18, ErrorKind::InvalidArgument,
              fmt::format("int({}) does not fit in 64 bits", d), e.loc);
      return Value::integer(static_cast<int64_t>(d));
    }
    if (fn == "min" || fn == "max") {
      std::vector<Value> items = a.size() == 1 && a[0].kind == ValueKind::Tuple ? a[0].elts : a;
      require(!items.empty(), ErrorKind::InvalidCall, fn + "() needs at least one value", e.loc);
      Value best = items[0];
      for (const Value& v : items) {
        bool less = applyCompare(ast::CmpOp::Lt, v, best, e.loc);
        if (fn == "min" ? less : applyCompare(ast::CmpOp::Gt, v, best, e.loc)) {
          best = v;
        }
      }
      return best;
    }
    // range(...) as a value: a tuple of its elements (meta_for accepts it).
    arity(1, 3);
    int64_t lo = a.size() >= 2 ? intArg(0) : 0;
    int64_t hi = a.size() >= 2 ? intArg(1) : intArg(0);
    int64_t step = a.size() == 3 ? intArg(2) : 1;
    require(step != 0, ErrorKind::InvalidArgument, "range() step must not be zero", e.loc);
    std::vector<Value> items;
    for (int64_t v = lo; step > 0 ? v < hi : v > hi; v += step) {
      require(items.size() < 65536, ErrorKind::InvalidArgument,
              "range() with more than 65536 elements at compile time", e.loc);
      items.push_back(Value::integer(v));
    }
    return Value::tuple(std::move(items), SequenceKind::List);
  }

  const ConstEnv& env_;
};

} // namespace

std::optional<Value> builtin(const std::string& name) {
  if (auto t = typeNamed(name)) {
    return Value::elemType(*t);
  }
  if (kModules.count(name) || kBuiltinFunctions.count(name)) {
    return Value::named(ValueKind::Namespace, name == "numpy" ? "np" : name);
  }
  return std::nullopt;
}

Value evaluate(const ast::Expr& e, const ConstEnv& env) { return Evaluator(env).eval(e); }

Value evaluateType(const ast::Expr& annotation, const ConstEnv& env) {
  if (annotation.kind == ast::ExprKind::Str) {
    // Allo's kernels also write annotations as strings: `A: "T[M, N]"`.
    ast::ExprPtr parsed;
    try {
      parsed = parseExpression(annotation.str, annotation.loc.file);
      return evaluateType(*parsed, env);
    } catch (const Error& e) {
      throw Error(e.kind(),
                  fmt::format("in the annotation \"{}\": {}", annotation.str, e.message()),
                  annotation.loc);
    }
  }
  // `M[4]` with M a number: say it is not a type rather than "cannot subscript".
  const ast::Expr& element =
      annotation.kind == ast::ExprKind::Subscript ? *annotation.value : annotation;
  Value v = evaluate(element, env);
  if (v.kind == ValueKind::Type && &element != &annotation) {
    v = evaluate(annotation, env);
  }
  require(v.kind == ValueKind::Type, ErrorKind::InvalidType,
          fmt::format("'{}' is not a type; expected an element type such as int32, float32, "
                      "Fixed(16, 8), optionally with a shape: float32[M, N]",
                      str(element)),
          annotation.loc);
  return v;
}

int64_t requireInt(const Value& v, const std::string& what, const SourceLoc& loc) {
  require(
      v.kind == ValueKind::Int || v.kind == ValueKind::Bool, ErrorKind::NotConstant,
      fmt::format("{} must be a compile-time integer, got {} '{}'", what, v.kindName(), v.str()),
      loc);
  return v.i;
}

} // namespace polyallo::allo
