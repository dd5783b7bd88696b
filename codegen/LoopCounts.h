// Exact execution counts of the nodes of a loop AST (codegen/LoopAst.h): how often each
// loop starts, how many iterations it runs in all, how often each statement runs.
//
//   for i in range(0, 4):            i:  entries 1, iterations 4
//     for j in range(0, i + 1):      j:  entries 4, iterations 1 + 2 + 3 + 4 = 10, at most 4
//       S0(i, j)                     S0: 10
//
// The bounds are isl's (the AST generator derived them from the exact domains), so the
// counts are exact. They are computed by evaluating the bounds, not by counting points
// with isl (this isl has no isl_set_card, and isl_set_count_val enumerates every point):
// a loop whose iterator no inner bound or condition mentions runs its body the same way
// every iteration, so its body is counted once and multiplied; only iterators that inner
// bounds depend on are enumerated (a triangular N x N nest costs N evaluations).
#pragma once

#include "codegen/LoopAst.h"

#include <cstdint>
#include <map>

namespace polyallo::codegen {

struct NodeCount {
  int64_t entries = 0;    // For: times it starts; other nodes: times they run
  int64_t iterations = 0; // For: iterations over all its entries
  int64_t maxTrip = 0;    // For: the most iterations of one entry
  /// For: the sum over entries of ceil(trip / factor), per unroll factor asked for.
  std::map<int64_t, int64_t> unrolledIterations;
};

/// Counts of every node under `root`, keyed by node address (the AST must stay put).
/// The AST may only mention iterators (a module with symbolic sizes is refused by the
/// caller). Error(NotImplemented) for a loop condition other than an upper bound.
std::map<const LoopNode*, NodeCount> countExecutions(const LoopNode& root);

} // namespace polyallo::codegen
