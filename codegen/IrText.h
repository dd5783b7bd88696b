// The IR of one schedule as text: what `print(s.module)` and
// `polyallo build --target ir` show. For a function and every function it
// calls (callees first): the signature, the statements and the loop nest
// the schedule generates.
//
//   func gemm(A: float32[32, 32] (argument), B: ..., C: float32[32, 32] (returned))
//     S0  C[i, j] = 0.0
//     S1  C[i, j] += A[i, k] * B[k, j]
//     for i in range(0, 32):
//       ...
#pragma once

#include "polyhedral/Model.h"

#include <map>
#include <string>

namespace polyallo::codegen {

/// `function` and its callees under `schedules` (a function missing from it
/// uses its initial schedule). Error(UnknownName) for an unknown function.
std::string irText(const poly::ModuleModel& model, const std::string& function,
                   const poly::ScheduleMap& schedules = {});

} // namespace polyallo::codegen
