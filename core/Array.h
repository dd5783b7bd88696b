// Arrays: name, shape, element type, role. Scalars are 0-d arrays.
#pragma once

#include "core/Expr.h"

#include <string>
#include <vector>

namespace polyallo::core {

enum class ArrayRole {
  Argument, // a parameter of the function, passed by reference
  Local,    // lives inside the function
  Returned, // returned by the function: a trailing output argument
};

const char* roleName(ArrayRole role);

struct ArrayDecl {
  std::string name;
  ElemType type;
  std::vector<Expr> shape; // each extent affine in module parameters; empty = scalar
  ArrayRole role = ArrayRole::Local;
  SourceLoc loc;

  size_t rank() const { return shape.size(); }
  bool isScalar() const { return shape.empty(); }
  /// "float32[32, 32]"
  std::string typeStr() const;
};

} // namespace polyallo::core
