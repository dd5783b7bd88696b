#include "polyhedral/IslShim.h"

#include <isl/id.h>
#include <isl/schedule_node.h>
#include <isl/space.h>

namespace polyallo::poly {

const std::any* idPayload(const isl::id& id) {
  if (id.is_null()) {
    return nullptr;
  }
  return static_cast<const std::any*>(isl_id_get_user(id.get()));
}

isl::id markId(const isl::schedule_node& mark) {
  isl_id* id = isl_schedule_node_mark_get_id(mark.get());
  checkIsl(mark.ctx().get(), id != nullptr, "reading a mark id");
  return isl::manage(id);
}

isl::space withDimNames(isl::space space, const std::vector<std::string>& names) {
  isl_ctx* ctx = space.ctx().get();
  isl_space* raw = space.release();
  for (size_t d = 0; d < names.size() && raw != nullptr; ++d) {
    raw = isl_space_set_dim_name(raw, isl_dim_set, static_cast<unsigned>(d), names[d].c_str());
  }
  checkIsl(ctx, raw != nullptr, "naming space dimensions");
  return isl::manage(raw);
}

} // namespace polyallo::poly
