#include "polyhedral/IslShim.h"

#include <algorithm>

#include <isl/aff.h>
#include <isl/id.h>
#include <isl/map.h>
#include <isl/schedule_node.h>
#include <isl/space.h>
#include <isl/union_map.h>
#include <isl/val.h>

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

isl::union_pw_aff constantOn(const isl::union_set& domain, long value) {
  isl_ctx* ctx = domain.ctx().get();
  isl_union_pw_aff* raw =
      isl_union_pw_aff_val_on_domain(domain.copy(), isl_val_int_from_si(ctx, value));
  checkIsl(ctx, raw != nullptr, "making a constant schedule member");
  return isl::manage(raw);
}

isl::union_pw_aff scaled(const isl::union_pw_aff& a, long factor) {
  isl_ctx* ctx = a.ctx().get();
  isl_union_pw_aff* raw = isl_union_pw_aff_scale_val(a.copy(), isl_val_int_from_si(ctx, factor));
  checkIsl(ctx, raw != nullptr, "scaling a schedule member");
  return isl::manage(raw);
}

isl::union_pw_aff floorDiv(const isl::union_pw_aff& a, long factor) {
  isl_ctx* ctx = a.ctx().get();
  isl_union_pw_aff* raw =
      isl_union_pw_aff_scale_down_val(a.copy(), isl_val_int_from_si(ctx, factor));
  raw = raw ? isl_union_pw_aff_floor(raw) : nullptr;
  checkIsl(ctx, raw != nullptr, "dividing a schedule member");
  return isl::manage(raw);
}

isl::union_pw_aff modulo(const isl::union_pw_aff& a, long factor) {
  isl_ctx* ctx = a.ctx().get();
  isl_union_pw_aff* raw = isl_union_pw_aff_mod_val(a.copy(), isl_val_int_from_si(ctx, factor));
  checkIsl(ctx, raw != nullptr, "taking a schedule member modulo a factor");
  return isl::manage(raw);
}

isl::schedule_node cutSubtree(const isl::schedule_node& node) {
  isl_schedule_node* raw = isl_schedule_node_cut(node.copy());
  checkIsl(node.ctx().get(), raw != nullptr, "cutting a schedule subtree");
  return isl::manage(raw);
}

isl::union_map scheduledBefore(const isl::union_map& schedule) {
  isl::map_list maps = schedule.map_list();
  unsigned depth = 0;
  for (unsigned k = 0; k < maps.size(); ++k) {
    depth = std::max(depth, maps.at(k).range_tuple_dim());
  }
  isl_ctx* ctx = schedule.ctx().get();
  isl_union_map* padded = isl_union_map_empty(isl_union_map_get_space(schedule.get()));
  for (unsigned k = 0; k < maps.size(); ++k) {
    isl::map m = maps.at(k);
    unsigned have = m.range_tuple_dim();
    isl_map* raw = isl_map_add_dims(m.release(), isl_dim_out, depth - have);
    for (unsigned d = have; d < depth && raw != nullptr; ++d) {
      raw = isl_map_fix_si(raw, isl_dim_out, d, 0);
    }
    raw = raw ? isl_map_reset_tuple_id(raw, isl_dim_out) : nullptr;
    padded = padded && raw ? isl_union_map_add_map(padded, raw) : nullptr;
  }
  isl_union_map* before =
      padded ? isl_union_map_lex_lt_union_map(isl_union_map_copy(padded), padded) : nullptr;
  checkIsl(ctx, before != nullptr, "ordering scheduled instances");
  return isl::manage(before);
}

AffTerms affTerms(const isl::aff& a) {
  isl_aff* raw = a.get();
  AffTerms t;
  t.constant = isl::manage(isl_aff_get_constant_val(raw));
  for (int d = 0, n = isl_aff_dim(raw, isl_dim_in); d < n; ++d) {
    t.dims.push_back(isl::manage(isl_aff_get_coefficient_val(raw, isl_dim_in, d)));
  }
  for (int p = 0, n = isl_aff_dim(raw, isl_dim_param); p < n; ++p) {
    isl::val c = isl::manage(isl_aff_get_coefficient_val(raw, isl_dim_param, p));
    if (!c.is_zero()) {
      t.params.emplace_back(isl_aff_get_dim_name(raw, isl_dim_param, p), c);
    }
  }
  for (int k = 0, n = isl_aff_dim(raw, isl_dim_div); k < n; ++k) {
    isl::val c = isl::manage(isl_aff_get_coefficient_val(raw, isl_dim_div, k));
    if (!c.is_zero()) {
      t.divCoefficients.push_back(c);
      isl_aff* arg = isl_aff_get_div(raw, k);
      t.divDenominators.push_back(isl::manage(isl_aff_get_denominator_val(arg)));
      t.divArguments.push_back(isl::manage(arg));
    }
  }
  return t;
}

std::string tupleName(const isl::set& set) {
  const char* name = isl_set_get_tuple_name(set.get());
  return name != nullptr ? name : "";
}

isl::map withRangeName(const isl::map& map, const std::string& name) {
  return isl::manage(isl_map_set_tuple_name(map.copy(), isl_dim_out, name.c_str()));
}

isl::multi_aff withRangeTuple(const isl::multi_aff& ma, const std::string& name) {
  isl::aff_list affs(ma.ctx(), static_cast<int>(ma.size()));
  for (int d = 0, n = static_cast<int>(ma.size()); d < n; ++d) {
    affs = affs.add(ma.at(d));
  }
  isl::space domain = ma.space().domain();
  return isl::multi_aff(domain.add_named_tuple(isl::id(ma.ctx(), name), ma.size()), affs);
}

isl::multi_aff renaming(const isl::space& from, const std::string& to) {
  return withRangeTuple(from.identity_multi_aff_on_domain(), to);
}

isl::set fixDims(const isl::set& set, const std::vector<int64_t>& values) {
  isl_set* raw = set.copy();
  for (size_t d = 0; d < values.size() && raw != nullptr; ++d) {
    raw = isl_set_fix_si(raw, isl_dim_set, static_cast<unsigned>(d), static_cast<int>(values[d]));
  }
  return isl::manage(raw);
}

isl::schedule intersectDomain(const isl::schedule& schedule, const isl::union_set& domain) {
  return isl::manage(isl_schedule_intersect_domain(schedule.copy(), domain.copy()));
}

} // namespace polyallo::poly
