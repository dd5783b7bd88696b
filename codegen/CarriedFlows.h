// The flow dependences a loop carries, for the QoR estimator's recurrence II
// (codegen/Estimate.h): which write feeds which read how many iterations later.
//
//   for i in range(64):   # pipeline        S0[i] -> S0[i + 1] writes s[0] and reads it
//     s[0] += A[i]                          next iteration: {S0 -> S0, s, distance 1}
//
// Exact: the tagged flow dependences of the function model, mapped through the prefix
// schedule up to the loop; a dependence counts when every outer loop's value is equal at
// both ends and the loop's own advances (the least advance is the distance).
#pragma once

#include "polyhedral/TreeEdit.h"

#include <string>
#include <vector>

namespace polyallo::codegen {

/// A flow dependence carried by a loop: from the write of `array` in statement `source`
/// to its read in `sink`, `distance` iterations later.
struct CarriedFlow {
  int source = 0, sink = 0;
  std::string array;
  int64_t distance = 0;
};

/// The flow dependences of `fm` carried by member `m` of the band at `site` (iterations
/// counted in groups of `unroll` when it is above 1, as HLS pipelines an unrolled loop).
std::vector<CarriedFlow> carriedFlows(const poly::FunctionModel& fm, const isl::schedule& tree,
                                      const poly::BandSite& site, size_t m, int unroll);

} // namespace polyallo::codegen
