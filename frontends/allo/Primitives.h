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
  /// compose: how many steps the composed schedule had when compose was called.
  size_t composedSteps = 0;

  const Value& arg(const std::string& param) const;
  /// A loop, band or function named by a string or a loop handle; throws
  /// Error(InvalidArgument) naming the parameter for anything else.
  std::string loopName(const std::string& param) const;
  /// Every name of a variadic parameter (reorder("k", "j")).
  std::vector<std::string> loopNames(const std::string& param) const;
  /// An integer argument (Error(InvalidArgument) otherwise).
  int64_t integer(const std::string& param) const;
  /// An integer or a tuple / list of integers (reshape's shape=): the
  /// integers, outermost first (Error(InvalidArgument) otherwise).
  std::vector<int64_t> integers(const std::string& param) const;
  /// A boolean argument (True / False / 0 / 1).
  bool boolean(const std::string& param) const;
};

/// The compute primitives (the schedule's loop order and marks): what
/// poly::Schedule applies.
bool isComputePrimitive(const std::string& name);
/// partition, reshape, buffer_at, reuse_at: the memory customizations.
bool isMemoryPrimitive(const std::string& name);
/// unfold, to: processing elements and the streams between them.
bool isSpatialPrimitive(const std::string& name);

/// Checks that every argument of a bound compute primitive has the kind it
/// needs (loop names, integers, flags, split's tail=), so that errors point
/// at the script line before any kernel is analysed. Error(InvalidArgument).
void checkArguments(const PrimitiveCall& call);

/// The names of all primitives a schedule has (for messages and attribute lookup).
const std::vector<std::string>& primitiveNames();
bool isPrimitive(const std::string& name);

/// Binds positional and keyword arguments to the signature of `name`.
/// Throws Error(InvalidCall) naming the parameters for a mismatch.
PrimitiveCall bindPrimitive(const std::string& name, const std::vector<Value>& positional,
                            const std::vector<std::pair<std::string, Value>>& keywords,
                            const SourceLoc& loc);

} // namespace polyallo::allo
