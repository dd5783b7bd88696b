// The thin shim over isl's AST-generation C API for what isl/cpp.h does not
// export: the iterators of an AST build, node annotations and the schedule
// depth of a tree node. Everything else in AST generation goes through
// isl/cpp.h.
//
//   isl::ast_build build = poly::setAstBuildIterators(
//       isl::ast_build::from_context(context), iterators);   // raw calls first,
//   build = build.set_at_each_domain(...);                    // then the bindings' callback
//   isl::ast_node root = build.node_from(schedule);
#pragma once

#include "polyhedral/Isl.h"

#include <vector>

namespace polyallo::poly {

/// The number of schedule dimensions above `node`: the members of every band
/// among its ancestors (isl_schedule_node_get_schedule_depth).
int scheduleDepth(const isl::schedule_node& node);

/// `build` using `iterators[d]` as the iterator of every loop at schedule
/// depth d (isl names deeper loops itself). Call it before
/// set_at_each_domain: the bindings keep their callback data on the C++
/// object, which a raw call drops.
isl::ast_build setAstBuildIterators(isl::ast_build build, const std::vector<isl::id>& iterators);

/// The annotation of an AST node (a null id when it has none).
isl::id astNodeAnnotation(const isl::ast_node& node);

/// `node` with `annotation` attached (used from at_each_domain on user nodes).
isl::ast_node astNodeSetAnnotation(const isl::ast_node& node, const isl::id& annotation);

} // namespace polyallo::poly
