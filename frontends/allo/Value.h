// Compile-time values of a kernel file: module constants (`M, N = 32, 32`),
// template arguments, meta_if conditions, and the values a schedule script
// handles (`s`, `s.A`, `"i"`, `[0, 1]`, `Partition.Cyclic`).
//
// Arithmetic follows Python on 64-bit integers (`//` and `%` floor, `/` gives
// a float, `**` of ints stays an int); an overflow is an error, not a wrap.
#pragma once

#include "core/Types.h"
#include "frontends/allo/Ast.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polyallo::allo {

enum class ValueKind {
  None,
  Int,
  Float,
  Bool,
  Str,
  Tuple,     // also lists and sets (flag `sequence`)
  Type,      // an element type: `int8`, `Fixed(16, 8)`
  Kernel,    // a def of this file (text: its name)
  Namespace, // an imported module or one of its attributes (text: "allo", "np.random", ...)
  Schedule,  // the result of allo.customize (index: into the script's schedules)
  Handle,    // something of a schedule (`s.A`, `s.module`, `buf_A`, `pe`): i = schedule,
             // role = "array" | "loop" | "module" | "buffer", text names it ("gemm:A")
  Method,    // a primitive of a schedule not called yet (`s.reorder`): i = schedule, text = name
  Build,     // the result of s.build(...)
  Opaque,    // a value the script cannot know (NumPy data); text says where it came from
};

enum class SequenceKind { Tuple, List, Set };

struct Value {
  ValueKind kind = ValueKind::None;
  int64_t i = 0; // Int, Bool (0/1), Schedule index
  double f = 0.0;
  std::string text; // Str, Kernel, Namespace, Handle, Method, Opaque
  std::string role; // Handle
  std::vector<Value> elts;
  SequenceKind sequence = SequenceKind::Tuple;
  core::ElemType type;             // Type: the element type
  std::vector<int64_t> shape;      // Type: `float32[M, N]` has shape {M, N}; empty for a scalar
  std::vector<Value> templateArgs; // Kernel: `k[float32, 16]`; a trailing Str names the instance

  static Value none() { return {}; }
  static Value integer(int64_t v);
  static Value real(double v);
  static Value boolean(bool v);
  static Value string(std::string s);
  static Value tuple(std::vector<Value> elts, SequenceKind kind = SequenceKind::Tuple);
  static Value elemType(core::ElemType t);
  static Value named(ValueKind kind, std::string text);

  bool isNumber() const {
    return kind == ValueKind::Int || kind == ValueKind::Float || kind == ValueKind::Bool;
  }
  /// Python truthiness of a constant.
  bool truthy() const;
  /// Python-like text: `32`, `0.5`, `(1, 2)`, `"i"`, `int8`, `<schedule of gemm>`.
  std::string str() const;
  /// "an integer", "a string", "a schedule", ... for messages.
  const char* kindName() const;
};

bool operator==(const Value& a, const Value& b);

/// `a op b` on numbers (and `+` / `*` on tuples and strings as Python does).
/// Throws Error(NotConstant) for operands that do not support `op` and
/// Error(InvalidArgument) for overflow and division by zero.
Value applyBinary(ast::BinaryOp op, const Value& a, const Value& b, const SourceLoc& loc);
Value applyUnary(ast::UnaryOpKind op, const Value& a, const SourceLoc& loc);
/// `a op b` for one link of a comparison chain (`in` looks into tuples and strings).
bool applyCompare(ast::CmpOp op, const Value& a, const Value& b, const SourceLoc& loc);

} // namespace polyallo::allo
