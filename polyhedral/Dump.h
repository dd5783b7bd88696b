// Text and JSON dumps of the polyhedral model, in isl notation.
//
//   function gemm
//     context   [N] -> { : N > 0 }
//     S1  C[i, j] += A[i, k] * B[k, j]
//         domain  [N] -> { S1[i, j, k] : 0 <= i < N and ... }
//         R1 read  C  [N] -> { S1[i, j, k] -> C[i, j] }
//     schedule  { domain: ..., child: { mark: "S_i_j_k_1", ... } }
//     flow      [N] -> { S1[i, j, k] -> S1[i, j, 1 + k] : ... }
#pragma once

#include "polyhedral/Model.h"

#include <string>

namespace polyallo::poly {

/// Human-readable dump of every function: context, statements with their
/// domains and accesses, arrays, schedule tree, dependences.
std::string dumpText(const ModuleModel& model);

/// The same content as JSON (isl objects as isl's own strings).
std::string dumpJson(const ModuleModel& model);

/// The schedule tree, one node per line, indented by depth:
///   domain { S1[i, j, k] : ... }
///     mark S_i_j_k_1 (loops i, j, k)
///       band [i, j, k]  { S1[i, j, k] -> [(i)] }, ...
/// Sets and maps are simplified under `context`.
std::string scheduleText(const isl::schedule& schedule, const isl::set& context);

/// One statement as source-like text: "C[i, j] += A[i, k] * B[k, j]".
std::string statementText(const Statement& st);

} // namespace polyallo::poly
