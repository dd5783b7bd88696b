// The schedule script's primitives: their signatures (Allo's parameter names
// and defaults) and the binding of a call's arguments to them.
//
//   s.pipeline("j", initiation_interval=2)
//   -> PrimitiveCall{name "pipeline", args {axis: "j", initiation_interval: 2, rewind: False}}
//
// Binding checks what every primitive shares (known keywords, required
// arguments, no duplicates); each primitive validates its own values when
// it is applied. A primitive that a later version implements is refused with
// `not implemented yet: <name>`, never ignored.
#pragma once

#include "frontends/allo/Value.h"

#include <string>
#include <utility>
#include <vector>

namespace polyallo::allo {

struct PrimitiveCall {
  std::string name;
  /// Parameter name -> value, in the signature's order (variadic ones: one Tuple).
  std::vector<std::pair<std::string, Value>> args;
  SourceLoc loc;

  const Value& arg(const std::string& param) const;
};

/// The names of all primitives a schedule has (for messages and attribute lookup).
const std::vector<std::string>& primitiveNames();
bool isPrimitive(const std::string& name);

/// Binds positional and keyword arguments to the signature of `name`.
/// Throws Error(InvalidCall) naming the parameters for a mismatch.
PrimitiveCall bindPrimitive(const std::string& name, const std::vector<Value>& positional,
                            const std::vector<std::pair<std::string, Value>>& keywords,
                            const SourceLoc& loc);

} // namespace polyallo::allo
