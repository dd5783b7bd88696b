#include "codegen/CarriedFlows.h"

#include "polyhedral/IslShim.h"

namespace polyallo::codegen {

std::vector<CarriedFlow> carriedFlows(const poly::FunctionModel& fm, const isl::schedule& tree,
                                      const poly::BandSite& site, size_t m, int unroll) {
  isl::schedule_node band = poly::nodeAt(tree, site.path).child(0);
  isl::multi_union_pw_aff t = band.prefix_schedule_multi_union_pw_aff();
  std::vector<isl::union_pw_aff> members = poly::bandMembers(tree, site);
  for (size_t k = 0; k < m; ++k) {
    t = t.flat_range_product(isl::multi_union_pw_aff(members[k]));
  }
  isl::union_pw_aff self = members[m];
  if (unroll > 1) {
    poly::MemberRange range = poly::memberRange(self, site.domain);
    self = poly::floorDiv(poly::normalizedMember(self, site.domain, range), unroll);
  }
  t = t.flat_range_product(isl::multi_union_pw_aff(self));
  isl::union_map time = isl::union_map::from(t).intersect_domain(site.domain);
  std::vector<CarriedFlow> out;
  isl::map_list flows = fm.deps.taggedFlow.map_list();
  for (int k = 0, n = static_cast<int>(flows.size()); k < n; ++k) {
    isl::map tagged = flows.at(k);
    std::string writeTag = tagged.domain().unwrap().range_tuple_id().name();
    isl::map untagged = tagged.domain_factor_domain().range_factor_domain();
    isl::union_map pairs = isl::union_map(untagged).apply_domain(time).apply_range(time);
    if (pairs.is_empty()) {
      continue;
    }
    isl::set deltas = pairs.deltas().as_set();
    unsigned dims = deltas.tuple_dim();
    isl::multi_val lower = isl::multi_val::zero(deltas.space());
    isl::multi_val upper = lower.set_at(static_cast<int>(dims - 1), isl::val(tree.ctx(), 1L << 40));
    lower = lower.set_at(static_cast<int>(dims - 1), isl::val(tree.ctx(), 1));
    isl::set carried = deltas.lower_bound(lower).upper_bound(upper);
    if (carried.is_empty()) {
      continue;
    }
    CarriedFlow f;
    f.source = fm.statementIndex(untagged.domain_tuple_id().name());
    f.sink = fm.statementIndex(untagged.range_tuple_id().name());
    for (const poly::Reference& r : fm.refs) {
      if (r.tag == writeTag) {
        f.array = r.array;
      }
    }
    f.distance = carried.dim_min_val(static_cast<int>(dims - 1)).num_si();
    out.push_back(f);
  }
  return out;
}

} // namespace polyallo::codegen
