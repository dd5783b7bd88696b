// Arrays: name, shape, element type, role. Scalars are 0-d arrays; streams
// are arrays of FIFOs.
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
  /// > 0: an array of FIFOs (`Stream[T, depth][shape]`), each `streamDepth`
  /// elements deep. A read of an element pops it (`fifo[i].get()`), an
  /// assignment pushes (`fifo[i].put(v)`); locals of a dataflow region only.
  int64_t streamDepth = 0;

  bool isStream() const { return streamDepth > 0; }

  size_t rank() const { return shape.size(); }
  bool isScalar() const { return shape.empty(); }
  /// "float32[32, 32]", "Stream[int8, 4][2, 2]"
  std::string typeStr() const;
};

} // namespace polyallo::core
