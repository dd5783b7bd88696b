// The thin shim over isl's AST-generation C API for what isl/cpp.h does not
// export: the before_each_for / before_each_mark callbacks, node annotations
// and the schedule depth of a build. Everything else in AST generation goes
// through isl/cpp.h.
//
//   poly::AstBuildHooks hooks;
//   hooks.beforeEachFor = [&](const isl::ast_build& b) { return forId(astBuildScheduleDepth(b)); };
//   isl::ast_build build = poly::setAstBuildHooks(isl::ast_build::from_context(ctx), hooks);
//   build = build.set_at_each_domain(...);   // the bindings' own callback, set after ours
//   isl::ast_node root = poly::runAstBuild(build, schedule, hooks);
#pragma once

#include "polyhedral/Isl.h"

#include <exception>
#include <functional>

namespace polyallo::poly {

/// Callbacks called while isl generates an AST. An exception thrown by a hook
/// is caught at the C boundary, makes isl stop, and is rethrown by
/// runAstBuild.
struct AstBuildHooks {
  /// Called before each for node is generated; the returned id (may be null)
  /// becomes the for node's annotation (astNodeAnnotation).
  std::function<isl::id(const isl::ast_build&)> beforeEachFor;
  /// Called before each mark node is generated with the mark's id.
  std::function<void(const isl::id& mark, const isl::ast_build&)> beforeEachMark;

  std::exception_ptr error; // set when a hook threw
};

/// Installs `hooks` on `build`. `hooks` must stay alive (and not move) until
/// the AST has been generated. Install these before set_at_each_domain: the
/// bindings keep their own callback data on the C++ object, which a raw call
/// would drop.
isl::ast_build setAstBuildHooks(isl::ast_build build, AstBuildHooks& hooks);

/// Generates the AST of `schedule` with `build` (ast_build::node_from), and
/// rethrows an exception recorded by one of `hooks` in preference to isl's
/// own error.
isl::ast_node runAstBuild(const isl::ast_build& build, const isl::schedule& schedule,
                          AstBuildHooks& hooks);

/// The number of schedule dimensions known to the build at this point: in
/// before_each_for, the depth of the loop about to be generated plus one; in
/// before_each_mark, the number of schedule dimensions enclosing the mark.
int astBuildScheduleDepth(const isl::ast_build& build);

/// The annotation of an AST node (a null id when it has none).
isl::id astNodeAnnotation(const isl::ast_node& node);

/// `node` with `annotation` attached (used from at_each_domain on user nodes).
isl::ast_node astNodeSetAnnotation(const isl::ast_node& node, const isl::id& annotation);

} // namespace polyallo::poly
