#include "polyhedral/IslAstShim.h"

#include <isl/ast.h>
#include <isl/ast_build.h>
#include <isl/id.h>
#include <isl/schedule_node.h>

namespace polyallo::poly {

int scheduleDepth(const isl::schedule_node& node) {
  isl_size depth = isl_schedule_node_get_schedule_depth(node.get());
  checkIsl(node.ctx().get(), depth >= 0, "isl_schedule_node_get_schedule_depth");
  return static_cast<int>(depth);
}

isl::ast_build setAstBuildIterators(isl::ast_build build, const std::vector<isl::id>& iterators) {
  isl_ctx* ctx = build.ctx().get();
  isl_id_list* list = isl_id_list_alloc(ctx, static_cast<int>(iterators.size()));
  for (const auto& id : iterators) {
    list = isl_id_list_add(list, id.copy());
  }
  checkIsl(ctx, list != nullptr, "isl_id_list_add");
  isl_ast_build* raw = isl_ast_build_set_iterators(build.release(), list);
  checkIsl(ctx, raw != nullptr, "isl_ast_build_set_iterators");
  return isl::manage(raw);
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
