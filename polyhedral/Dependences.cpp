// Exact dependences with isl_union_access_info_compute_flow (Extract.h).
//
//   for i, j, k in grid(M, N, K):     flow   { S0[i, j, k] -> S0[i, j, k + 1] }
//     C[i, j] += A[i, k] * B[k, j]    anti   { S0[i, j, k] -> S0[i, j, k'] : k' > k }
//                                     output { S0[i, j, k] -> S0[i, j, k'] : k' > k }
#include "polyhedral/Extract.h"

namespace polyallo::poly {

namespace {

/// Sources and sinks are tagged ([S[..] -> R[]]), so the schedule is pulled
/// back to tagged instances.
isl::schedule taggedSchedule(const FunctionModel& fn, const isl::schedule& schedule) {
  isl::union_map all = fn.taggedReads.unite(fn.taggedMayWrites);
  isl::union_pw_multi_aff untag = all.domain().unwrap().domain_map_union_pw_multi_aff();
  return schedule.pullback(untag);
}

isl::union_map untagged(const isl::union_map& tagged) {
  return tagged.domain_factor_domain().range_factor_domain();
}

} // namespace

isl::union_map Dependences::all() const { return flow.unite(anti).unite(output); }

Dependences computeDependences(const FunctionModel& fn, const isl::schedule& schedule) {
  Dependences deps;
  isl::schedule tagged = taggedSchedule(fn, schedule);
  isl::union_flow flow = isl::union_access_info(fn.taggedReads)
                             .set_must_source(fn.taggedMustWrites)
                             .set_may_source(fn.taggedMayWrites)
                             .set_schedule(tagged)
                             .compute_flow();
  deps.taggedFlow = flow.may_dependence();
  deps.liveIn = flow.may_no_source().domain_factor_domain().coalesce();
  deps.taggedAnti = isl::union_access_info(fn.taggedMayWrites)
                        .set_may_source(fn.taggedReads)
                        .set_schedule(tagged)
                        .compute_flow()
                        .may_dependence();
  deps.taggedOutput = isl::union_access_info(fn.taggedMayWrites)
                          .set_may_source(fn.taggedMayWrites)
                          .set_schedule(tagged)
                          .compute_flow()
                          .may_dependence();
  deps.flow = untagged(deps.taggedFlow).coalesce();
  deps.anti = untagged(deps.taggedAnti).coalesce();
  deps.output = untagged(deps.taggedOutput).coalesce();
  return deps;
}

} // namespace polyallo::poly
