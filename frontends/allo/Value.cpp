#include "frontends/allo/Value.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace polyallo::allo {

Value Value::integer(int64_t v) {
  Value r;
  r.kind = ValueKind::Int;
  r.i = v;
  return r;
}

Value Value::real(double v) {
  Value r;
  r.kind = ValueKind::Float;
  r.f = v;
  return r;
}

Value Value::boolean(bool v) {
  Value r;
  r.kind = ValueKind::Bool;
  r.i = v ? 1 : 0;
  return r;
}

Value Value::string(std::string s) { return named(ValueKind::Str, std::move(s)); }

Value Value::tuple(std::vector<Value> elts, SequenceKind kind) {
  Value r;
  r.kind = ValueKind::Tuple;
  r.elts = std::move(elts);
  r.sequence = kind;
  return r;
}

Value Value::elemType(core::ElemType t) {
  Value r;
  r.kind = ValueKind::Type;
  r.type = t;
  return r;
}

Value Value::named(ValueKind kind, std::string text) {
  Value r;
  r.kind = kind;
  r.text = std::move(text);
  return r;
}

bool Value::truthy() const {
  switch (kind) {
  case ValueKind::None:
    return false;
  case ValueKind::Int:
  case ValueKind::Bool:
    return i != 0;
  case ValueKind::Float:
    return f != 0.0;
  case ValueKind::Str:
    return !text.empty();
  case ValueKind::Tuple:
    return !elts.empty();
  default:
    return true;
  }
}

std::string Value::str() const {
  switch (kind) {
  case ValueKind::None:
    return "None";
  case ValueKind::Int:
    return std::to_string(i);
  case ValueKind::Float:
    return fmt::format("{}", f);
  case ValueKind::Bool:
    return i ? "True" : "False";
  case ValueKind::Str:
    return fmt::format("\"{}\"", text);
  case ValueKind::Tuple: {
    std::string open = sequence == SequenceKind::List  ? "["
                       : sequence == SequenceKind::Set ? "{"
                                                       : "(";
    std::string close = sequence == SequenceKind::List  ? "]"
                        : sequence == SequenceKind::Set ? "}"
                                                        : ")";
    std::vector<std::string> parts;
    for (const Value& e : elts) {
      parts.push_back(e.str());
    }
    std::string trailing = sequence == SequenceKind::Tuple && elts.size() == 1 ? "," : "";
    return open + fmt::format("{}", fmt::join(parts, ", ")) + trailing + close;
  }
  case ValueKind::Type:
    return shape.empty() ? type.str() : fmt::format("{}[{}]", type.str(), fmt::join(shape, ", "));
  case ValueKind::Kernel:
    return text;
  case ValueKind::Namespace:
    return text;
  case ValueKind::Schedule:
    return fmt::format("<schedule {}>", text);
  case ValueKind::Handle:
    return text;
  case ValueKind::Method:
    return fmt::format("<primitive {}>", text);
  case ValueKind::Build:
    return fmt::format("<module built from {}>", text);
  case ValueKind::Opaque:
    return fmt::format("<{}>", text);
  }
  return "?";
}

const char* Value::kindName() const {
  switch (kind) {
  case ValueKind::None:
    return "None";
  case ValueKind::Int:
    return "an integer";
  case ValueKind::Float:
    return "a float";
  case ValueKind::Bool:
    return "a bool";
  case ValueKind::Str:
    return "a string";
  case ValueKind::Tuple:
    return sequence == SequenceKind::List  ? "a list"
           : sequence == SequenceKind::Set ? "a set"
                                           : "a tuple";
  case ValueKind::Type:
    return "a type";
  case ValueKind::Kernel:
    return "a kernel";
  case ValueKind::Namespace:
    return "a module";
  case ValueKind::Schedule:
    return "a schedule";
  case ValueKind::Handle:
    return "a schedule handle";
  case ValueKind::Method:
    return "a schedule primitive";
  case ValueKind::Build:
    return "a built module";
  case ValueKind::Opaque:
    return "a value only Python knows";
  }
  return "?";
}

bool operator==(const Value& a, const Value& b) {
  if (a.isNumber() && b.isNumber()) {
    if (a.kind == ValueKind::Float || b.kind == ValueKind::Float) {
      double x = a.kind == ValueKind::Float ? a.f : static_cast<double>(a.i);
      double y = b.kind == ValueKind::Float ? b.f : static_cast<double>(b.i);
      return x == y;
    }
    return a.i == b.i;
  }
  if (a.kind != b.kind) {
    return false;
  }
  switch (a.kind) {
  case ValueKind::None:
    return true;
  case ValueKind::Tuple:
    return a.sequence == b.sequence && a.elts == b.elts;
  case ValueKind::Type:
    return a.type == b.type && a.shape == b.shape;
  case ValueKind::Schedule:
    return a.i == b.i;
  case ValueKind::Handle:
  case ValueKind::Method:
    return a.i == b.i && a.text == b.text && a.role == b.role;
  case ValueKind::Kernel:
    return a.text == b.text && a.templateArgs == b.templateArgs;
  default:
    return a.text == b.text;
  }
}

namespace {

[[noreturn]] void unsupported(const char* op, const Value& a, const Value* b,
                              const SourceLoc& loc) {
  std::string operands = b ? fmt::format("{} and {}", a.kindName(), b->kindName()) : a.kindName();
  throw Error(ErrorKind::NotConstant,
              fmt::format("'{}' is not defined on {} at compile time", op, operands), loc);
}

double asDouble(const Value& v) {
  return v.kind == ValueKind::Float ? v.f : static_cast<double>(v.i);
}

[[noreturn]] void overflow(const SourceLoc& loc) {
  throw Error(ErrorKind::InvalidArgument, "integer constant overflows 64 bits", loc);
}

/// `op(a, b, &r)` is a __builtin_*_overflow: r, or an error when it overflowed.
template <class Op> int64_t checked(Op op, int64_t a, int64_t b, const SourceLoc& loc) {
  int64_t r = 0;
  if (op(a, b, &r)) {
    overflow(loc);
  }
  return r;
}

bool addOverflows(int64_t a, int64_t b, int64_t* r) { return __builtin_add_overflow(a, b, r); }
bool subOverflows(int64_t a, int64_t b, int64_t* r) { return __builtin_sub_overflow(a, b, r); }
bool mulOverflows(int64_t a, int64_t b, int64_t* r) { return __builtin_mul_overflow(a, b, r); }

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t floorMod(int64_t a, int64_t b) {
  int64_t m = a % b;
  return (m != 0 && ((m < 0) != (b < 0))) ? m + b : m;
}

int64_t intPow(int64_t base, int64_t exp, const SourceLoc& loc) {
  int64_t result = 1;
  for (int64_t k = 0; k < exp; ++k) {
    result = checked(mulOverflows, result, base, loc);
    if (result == 0 || result == 1) {
      break; // further factors cannot change 0, and base 1 stays 1
    }
  }
  return result;
}

Value intBinary(ast::BinaryOp op, int64_t a, int64_t b, const SourceLoc& loc) {
  using ast::BinaryOp;
  auto nonzero = [&] {
    if (b == 0) {
      throw Error(ErrorKind::InvalidArgument, "division by zero in a constant expression", loc);
    }
    if (a == std::numeric_limits<int64_t>::min() && b == -1) {
      overflow(loc);
    }
  };
  switch (op) {
  case BinaryOp::Add:
    return Value::integer(checked(addOverflows, a, b, loc));
  case BinaryOp::Sub:
    return Value::integer(checked(subOverflows, a, b, loc));
  case BinaryOp::Mult:
    return Value::integer(checked(mulOverflows, a, b, loc));
  case BinaryOp::Div:
    nonzero();
    return Value::real(static_cast<double>(a) / static_cast<double>(b));
  case BinaryOp::FloorDiv:
    nonzero();
    return Value::integer(floorDiv(a, b));
  case BinaryOp::Mod:
    nonzero();
    return Value::integer(floorMod(a, b));
  case BinaryOp::Pow:
    if (b < 0 && a == 0) {
      throw Error(ErrorKind::InvalidArgument,
                  "0 ** negative: division by zero in a constant expression", loc);
    }
    if (b < 0) {
      return Value::real(std::pow(static_cast<double>(a), static_cast<double>(b)));
    }
    return Value::integer(intPow(a, b, loc));
  case BinaryOp::LShift:
    if (b < 0 || b >= 63 || (a != 0 && (a > (INT64_MAX >> b) || a < (INT64_MIN >> b)))) {
      throw Error(ErrorKind::InvalidArgument, "shift out of range in a constant expression", loc);
    }
    return Value::integer(static_cast<int64_t>(static_cast<uint64_t>(a) << b));
  case BinaryOp::RShift:
    if (b < 0) {
      throw Error(ErrorKind::InvalidArgument, "negative shift count in a constant expression", loc);
    }
    return Value::integer(b >= 63 ? (a < 0 ? -1 : 0) : (a >> b));
  case BinaryOp::BitAnd:
    return Value::integer(a & b);
  case BinaryOp::BitOr:
    return Value::integer(a | b);
  case BinaryOp::BitXor:
    return Value::integer(a ^ b);
  case BinaryOp::MatMult:
    break;
  }
  unsupported(ast::spelling(op), Value::integer(a), nullptr, loc);
}

Value floatBinary(ast::BinaryOp op, double a, double b, const SourceLoc& loc) {
  using ast::BinaryOp;
  auto nonzero = [&] {
    if (b == 0.0) {
      throw Error(ErrorKind::InvalidArgument, "division by zero in a constant expression", loc);
    }
  };
  switch (op) {
  case BinaryOp::Add:
    return Value::real(a + b);
  case BinaryOp::Sub:
    return Value::real(a - b);
  case BinaryOp::Mult:
    return Value::real(a * b);
  case BinaryOp::Div:
    nonzero();
    return Value::real(a / b);
  case BinaryOp::FloorDiv:
    nonzero();
    return Value::real(std::floor(a / b));
  case BinaryOp::Mod: {
    nonzero();
    double m = std::fmod(a, b);
    return Value::real(m != 0.0 && ((m < 0) != (b < 0)) ? m + b : m);
  }
  case BinaryOp::Pow:
    return Value::real(std::pow(a, b));
  default:
    break;
  }
  unsupported(ast::spelling(op), Value::real(a), nullptr, loc);
}

} // namespace

Value applyBinary(ast::BinaryOp op, const Value& a, const Value& b, const SourceLoc& loc) {
  if (a.isNumber() && b.isNumber()) {
    if (a.kind == ValueKind::Float || b.kind == ValueKind::Float) {
      return floatBinary(op, asDouble(a), asDouble(b), loc);
    }
    return intBinary(op, a.i, b.i, loc);
  }
  if (op == ast::BinaryOp::Add && a.kind == b.kind &&
      (a.kind == ValueKind::Str || (a.kind == ValueKind::Tuple && a.sequence == b.sequence))) {
    Value r = a;
    r.text += b.text;
    r.elts.insert(r.elts.end(), b.elts.begin(), b.elts.end());
    return r;
  }
  if (op == ast::BinaryOp::Mult && a.kind == ValueKind::Tuple && b.kind == ValueKind::Int) {
    if (b.i > 4096 || static_cast<int64_t>(a.elts.size()) * b.i > 65536) {
      throw Error(ErrorKind::InvalidArgument, "repeated sequence too long for a constant", loc);
    }
    Value r = a;
    r.elts.clear();
    for (int64_t k = 0; k < b.i; ++k) {
      r.elts.insert(r.elts.end(), a.elts.begin(), a.elts.end());
    }
    return r;
  }
  unsupported(ast::spelling(op), a, &b, loc);
}

Value applyUnary(ast::UnaryOpKind op, const Value& a, const SourceLoc& loc) {
  switch (op) {
  case ast::UnaryOpKind::Not:
    return Value::boolean(!a.truthy());
  case ast::UnaryOpKind::UAdd:
    if (a.isNumber()) {
      return a.kind == ValueKind::Bool ? Value::integer(a.i) : a;
    }
    break;
  case ast::UnaryOpKind::USub:
    if (a.kind == ValueKind::Float) {
      return Value::real(-a.f);
    }
    if (a.isNumber()) {
      return Value::integer(checked(subOverflows, 0, a.i, loc));
    }
    break;
  case ast::UnaryOpKind::Invert:
    if (a.kind == ValueKind::Int || a.kind == ValueKind::Bool) {
      return Value::integer(~a.i);
    }
    break;
  }
  unsupported(ast::spelling(op), a, nullptr, loc);
}

bool applyCompare(ast::CmpOp op, const Value& a, const Value& b, const SourceLoc& loc) {
  using ast::CmpOp;
  switch (op) {
  case CmpOp::Eq:
    return a == b;
  case CmpOp::NotEq:
    return !(a == b);
  case CmpOp::Is:
    return a == b && a.kind == b.kind;
  case CmpOp::IsNot:
    return !(a == b && a.kind == b.kind);
  case CmpOp::In:
  case CmpOp::NotIn: {
    bool found = false;
    if (b.kind == ValueKind::Tuple) {
      for (const Value& e : b.elts) {
        found = found || e == a;
      }
    } else if (b.kind == ValueKind::Str && a.kind == ValueKind::Str) {
      found = b.text.find(a.text) != std::string::npos;
    } else {
      unsupported(ast::spelling(op), a, &b, loc);
    }
    return op == CmpOp::In ? found : !found;
  }
  default:
    break;
  }
  if (a.isNumber() && b.isNumber()) {
    bool useFloat = a.kind == ValueKind::Float || b.kind == ValueKind::Float;
    auto cmp = [&](auto x, auto y) {
      switch (op) {
      case CmpOp::Lt:
        return x < y;
      case CmpOp::LtE:
        return x <= y;
      case CmpOp::Gt:
        return x > y;
      default:
        return x >= y;
      }
    };
    return useFloat ? cmp(asDouble(a), asDouble(b)) : cmp(a.i, b.i);
  }
  if (a.kind == ValueKind::Str && b.kind == ValueKind::Str) {
    int c = a.text.compare(b.text);
    return op == CmpOp::Lt ? c < 0 : op == CmpOp::LtE ? c <= 0 : op == CmpOp::Gt ? c > 0 : c >= 0;
  }
  unsupported(ast::spelling(op), a, &b, loc);
}

} // namespace polyallo::allo
