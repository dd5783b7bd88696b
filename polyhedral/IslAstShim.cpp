#include "polyhedral/IslAstShim.h"

#include <isl/ast.h>
#include <isl/ast_build.h>
#include <isl/space.h>

namespace polyallo::poly {

namespace {

// C trampolines: no exception may cross into isl, so each records it on the
// hooks and returns isl's error value, which stops the generation.

isl_id* beforeEachFor(isl_ast_build* build, void* user) {
  auto* hooks = static_cast<AstBuildHooks*>(user);
  try {
    isl::id id = hooks->beforeEachFor(isl::manage_copy(build));
    if (id.is_null()) {
      throw Error(ErrorKind::Internal, "the before_each_for hook returned a null id");
    }
    return id.release();
  } catch (...) {
    hooks->error = std::current_exception();
    return nullptr;
  }
}

isl_stat beforeEachMark(isl_id* mark, isl_ast_build* build, void* user) {
  auto* hooks = static_cast<AstBuildHooks*>(user);
  try {
    hooks->beforeEachMark(isl::manage_copy(mark), isl::manage_copy(build));
    return isl_stat_ok;
  } catch (...) {
    hooks->error = std::current_exception();
    return isl_stat_error;
  }
}

} // namespace

isl::ast_build setAstBuildHooks(isl::ast_build build, AstBuildHooks& hooks) {
  isl_ctx* ctx = build.ctx().get();
  isl_ast_build* raw = build.release();
  if (hooks.beforeEachFor) {
    raw = isl_ast_build_set_before_each_for(raw, &beforeEachFor, &hooks);
    checkIsl(ctx, raw != nullptr, "isl_ast_build_set_before_each_for");
  }
  if (hooks.beforeEachMark) {
    raw = isl_ast_build_set_before_each_mark(raw, &beforeEachMark, &hooks);
    checkIsl(ctx, raw != nullptr, "isl_ast_build_set_before_each_mark");
  }
  return isl::manage(raw);
}

isl::ast_node runAstBuild(const isl::ast_build& build, const isl::schedule& schedule,
                          AstBuildHooks& hooks) {
  hooks.error = nullptr;
  isl::ast_node root;
  try {
    root = build.node_from(schedule);
  } catch (...) {
    if (hooks.error) {
      std::rethrow_exception(hooks.error);
    }
    throw;
  }
  if (hooks.error) {
    std::rethrow_exception(hooks.error);
  }
  return root;
}

int astBuildScheduleDepth(const isl::ast_build& build) {
  isl_ctx* ctx = build.ctx().get();
  isl_space* space = isl_ast_build_get_schedule_space(build.get());
  checkIsl(ctx, space != nullptr, "isl_ast_build_get_schedule_space");
  isl_size n = isl_space_dim(space, isl_dim_set);
  isl_space_free(space);
  checkIsl(ctx, n >= 0, "isl_space_dim");
  return static_cast<int>(n);
}

isl::id astNodeAnnotation(const isl::ast_node& node) {
  // A node without annotation returns null without raising an error.
  return isl::manage(isl_ast_node_get_annotation(node.get()));
}

isl::ast_node astNodeSetAnnotation(const isl::ast_node& node, const isl::id& annotation) {
  isl_ctx* ctx = node.ctx().get();
  isl_ast_node* raw = isl_ast_node_set_annotation(node.copy(), annotation.copy());
  checkIsl(ctx, raw != nullptr, "isl_ast_node_set_annotation");
  return isl::manage(raw);
}

} // namespace polyallo::poly
