// Legality of a schedule against the exact dependences of the original
// program: no dependence may have its sink scheduled at or before its
// source. A violation comes with a concrete witness.
//
//   for i in range(1, N):             flow  S0[i] -> S0[i + 1]   (A[i] is read next)
//     A[i] = A[i - 1] + 1
//   reversed: for i in range(N - 1, 0, -1)
//   -> flow dependence S0[1] -> S0[2] on A[1]: the schedule runs S0[2] at or before S0[1]
#pragma once

#include "polyhedral/Model.h"

#include <optional>
#include <string>
#include <vector>

namespace polyallo::poly {

/// A dependence a schedule breaks, with one concrete pair of instances.
struct Violation {
  std::string kind;    // "flow", "anti" or "output"
  std::string source;  // "S0[1]": runs first in the original program
  std::string sink;    // "S0[2]"
  std::string element; // "A[1]": an array element both instances access
  /// "flow dependence S0[1] -> S0[2] on A[1]: the schedule runs S0[2] at or before S0[1]"
  std::string str() const;
};

/// A witness for `bad`, a non-empty subset of `fn`'s dependences of `kind`.
Violation witnessOf(const FunctionModel& fn, const std::string& kind, const isl::union_map& bad);

/// The first dependence of `fn` that member `member` of the band whose mark
/// is at `bandPath` in `schedule` carries: two instances that agree on every
/// loop outside it but not on it (what a parallel loop must not have).
std::optional<Violation> findCarried(const FunctionModel& fn, const isl::schedule& schedule,
                                     const std::vector<int>& bandPath, size_t member);

/// The first dependence of `fn` (flow, then anti, then output) that
/// `schedule` does not respect, or nothing if it respects them all.
/// Runs under the model's isl operation budget (Error IslQuota).
std::optional<Violation> findViolation(const ModuleModel& model, const FunctionModel& fn,
                                       const isl::schedule& schedule);

} // namespace polyallo::poly
