// Layout inference: one layout per (function, array) from the partition
// steps of a schedule, propagated over the calls of the module. An array
// passed to a call shares its banks with the callee's parameter, so a
// partition reaches the callee parameter, the caller's argument, every other
// call site of the same callee and returned buffers (a returned array is a
// trailing output parameter):
//
//   def mm(A: int32[8, 8], B: int32[8, 8]) -> int32[8, 8]: ...
//   def top(X: int32[8, 8], W: int32[8, 8]) -> int32[8, 8]:
//     Y = mm(X, W)              # call 1
//     Z = mm(Y, W)              # call 2
//     return Z
//   s_mm.partition(s_mm.A, partition_type=Partition.Cyclic, dim=2, factor=4)
//   s_top.compose(s_mm)
//   -> mm:A, top:X (call 1), top:Y (call 2): [none, cyclic(4)]
//
// Each array takes the meet of what reaches it (layout/LayoutType.h: the
// coarsest partition serving every requirement). A worklist visits an array
// again only when its layout got finer, which happens a bounded number of
// times (the lattice has finite height), so inference takes time linear in
// the number of call edges. Requirements that meet only at complete are
// reported with both partition steps and the calls they came through.
#pragma once

#include "core/Module.h"
#include "layout/LayoutType.h"
#include "polyhedral/Schedule.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace polyallo::layout {

/// What inference found: the layout of every array some partition reaches.
struct Layouts {
  /// function -> array -> layout, in canonical form (normalize); arrays that
  /// stay unpartitioned are absent.
  std::map<std::string, std::map<std::string, LayoutType>> arrays;

  /// The layout of `array` of `function`, or nullptr when it is unpartitioned.
  const LayoutType* find(const std::string& function, const std::string& array) const;
  /// One line per partitioned array: "gemm:A [none, cyclic(4)]".
  std::string str() const;
};

/// The array `name` of `function`, or null: how inference finds what a step
/// names (with a schedule, the buffers its memory primitives added too).
using ArrayLookup = std::function<std::shared_ptr<core::ArrayDecl>(const std::string& function,
                                                                   const std::string& name)>;

/// The layouts of every array under `schedule`'s partition steps (composed
/// ones included), propagated over the calls of its module.
/// Error(InvalidSchedule) when two requirements on one array meet only at
/// complete partitioning, naming both steps and the calls they came through.
Layouts infer(const poly::Schedule& schedule);

/// The same from a module and a step log (steps other than partition are
/// ignored); `lookup` defaults to the functions' own arrays. Steps are
/// expected to be validated (poly::Schedule::partition); an array that does
/// not exist is Error(UnknownName).
Layouts infer(const core::Module& module, const std::vector<poly::Step>& steps,
              const ArrayLookup& lookup = {});

} // namespace polyallo::layout
