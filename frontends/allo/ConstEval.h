// Compile-time evaluation of expressions: module constants, template
// arguments, type annotations (`float32[M, N]`, `Fixed(16, 8)`), meta_if
// conditions and schedule-script arguments.
//
//   M, N = 32, 2 * 16          ->  M = 32, N = 32
//   A: float32[M, N + 1]       ->  the type float32[32, 33]
//   allo.meta_if(i in {0, M})  ->  True or False per instance
#pragma once

#include "frontends/allo/Value.h"

#include <functional>
#include <optional>

namespace polyallo::allo {

struct ConstEnv {
  /// The value bound to `name`, or nullopt (then the builtins are tried:
  /// type names, Int/UInt/Fixed/UFixed, min, max, abs, len, int, float,
  /// Partition, and the modules allo, np, ...).
  std::function<std::optional<Value>(const std::string& name, const SourceLoc& loc)> lookup;
  /// Evaluates a call the builtins do not cover (the schedule script's
  /// `allo.customize(...)`, `s.split(...)`); nullopt = not handled. `callee`
  /// is the evaluated function expression.
  std::function<std::optional<Value>(const ast::Expr& call, const Value& callee)> call;
  /// What names exist, for the message about an unknown one ("the kernels are ...").
  std::function<std::string()> describeNames;
  /// Evaluates `base.attr` for bases the builtins do not cover (`s.A`); nullopt = not handled.
  std::function<std::optional<Value>(const ast::Expr& attr, const Value& base)> attribute;
};

/// Evaluates `e`. Throws Error(UnknownName) for an unbound name and
/// Error(NotConstant) for what cannot be known at compile time. A call into
/// a module the script only skips (`np.zeros(...)`) yields an Opaque value.
Value evaluate(const ast::Expr& e, const ConstEnv& env);

/// The element type (and shape) an annotation denotes; Error(InvalidType)
/// naming the annotation when it is not a type.
Value evaluateType(const ast::Expr& annotation, const ConstEnv& env);

/// The builtin value of `name` (types, modules, functions), if any.
std::optional<Value> builtin(const std::string& name);

/// Throws Error(NotConstant) unless `v` is an integer (bools count); `what`
/// names the value in the message ("the step of range").
int64_t requireInt(const Value& v, const std::string& what, const SourceLoc& loc);

} // namespace polyallo::allo
