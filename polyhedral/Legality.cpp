#include "polyhedral/Legality.h"

#include "polyhedral/IslShim.h"
#include "polyhedral/TreeEdit.h"

#include <fmt/format.h>

namespace polyallo::poly {

Violation witnessOf(const FunctionModel& fn, const std::string& kind, const isl::union_map& bad) {
  isl::map pair = isl::map(bad.map_list().at(0).sample());
  isl::set source = pair.domain(), sink = pair.range();
  // The element the dependence is about: written by the source and read by
  // the sink (flow), read then written (anti), written by both (output).
  const isl::union_map& first = kind == "anti" ? fn.reads : fn.mayWrites;
  const isl::union_map& second = kind == "flow" ? fn.reads : fn.mayWrites;
  isl::union_set shared = first.intersect_domain(isl::union_set(source))
                              .range()
                              .intersect(second.intersect_domain(isl::union_set(sink)).range());
  Violation v;
  v.kind = kind;
  v.source = pointText(source);
  v.sink = pointText(sink);
  v.element = shared.is_empty() ? "?" : pointText(shared.set_list().at(0));
  return v;
}

std::string Violation::str() const {
  return fmt::format("{} dependence {} -> {} on {}: the schedule runs {} at or before {}", kind,
                     source, sink, element, sink, source);
}

std::optional<Violation> findCarried(const FunctionModel& fn, const isl::schedule& schedule,
                                     const std::vector<int>& bandPath, size_t member) {
  isl::schedule_node band = nodeAt(schedule, bandPath).child(0);
  isl::union_set domain = band.prefix_schedule_union_map().domain();
  if (member > 0) {
    band = band.as<isl::schedule_node_band>().split(static_cast<int>(member)).child(0);
  }
  isl::multi_union_pw_aff outer = band.prefix_schedule_multi_union_pw_aff();
  isl::multi_union_pw_aff self(band.as<isl::schedule_node_band>().partial_schedule().at(0));
  const std::pair<const char*, const isl::union_map*> kinds[] = {
      {"flow", &fn.deps.flow}, {"anti", &fn.deps.anti}, {"output", &fn.deps.output}};
  for (const auto& [kind, deps] : kinds) {
    isl::union_map inside = deps->intersect_domain(domain).intersect_range(domain).eq_at(outer);
    isl::union_map carried = inside.subtract(inside.eq_at(self));
    if (!carried.is_empty()) {
      return witnessOf(fn, kind, carried);
    }
  }
  return std::nullopt;
}

std::optional<Violation> findViolation(const ModuleModel& model, const FunctionModel& fn,
                                       const isl::schedule& schedule) {
  std::optional<Violation> found;
  model.isl().withBudget(fmt::format("checking a schedule of function '{}'", fn.fn->name()), [&] {
    isl::union_map before = scheduledBefore(schedule.get_map().intersect_domain(fn.domain));
    const std::pair<const char*, const isl::union_map*> kinds[] = {
        {"flow", &fn.deps.flow}, {"anti", &fn.deps.anti}, {"output", &fn.deps.output}};
    for (const auto& [kind, deps] : kinds) {
      isl::union_map bad = deps->subtract(before);
      if (!bad.is_empty()) {
        found = witnessOf(fn, kind, bad);
        return;
      }
    }
  });
  return found;
}

} // namespace polyallo::poly
