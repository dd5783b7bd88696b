// The C emitter: one C99 translation unit for a whole module, for CPU
// simulation (Simulator.h compiles and runs it).
//
//   def gemm(A: float32[N, K], B: float32[K, M]) -> float32[N, M]   (module params N, K, M)
//
//   void gemm(int64_t N, int64_t K, int64_t M, float* restrict A, float* restrict B,
//             float* restrict C) {
//     ...
//     /* mark S_i_j_k_1 */
//     for (int64_t i = 0; (i < N); i += 1) {
//       for (int64_t j = 0; (j < M); j += 1) {
//         for (int64_t k = 0; (k < K); k += 1) {
//           /* S1 */
//           C[i * M + j] = (C[i * M + j] + (A[i * K + k] * B[k * M + j]));
//   }}}}
//   void polyallo_entry_gemm(const int64_t* params, void* const* buffers) {
//     gemm(params[0], params[1], params[2], (float*)buffers[0], (float*)buffers[1],
//          (float*)buffers[2]);
//   }
//
// Conventions: every function takes all module parameters (core::Module::params(),
// in order) as int64_t, then its params() (arguments, then returned arrays) as
// flat row-major pointers to their storage type (CTypes.h); callees are
// emitted before callers. Local scalars are `T x[1] = {0};`, local arrays are
// calloc-ed and freed on return; if an allocation fails the function does
// nothing and the exported `polyallo_status` becomes nonzero. Values follow
// the exact type semantics of CExpr.h. The unit compiles warning-free with
// `cc -std=c99 -Wall -Wextra -Werror -ffp-contract=off`.
//
// A function with unfolded loops is a dataflow region (polyhedral/Unfold.h):
//
//   for p in range(2) [unfold]:            static void top_PE_0(int64_t N, int32_t* restrict A,
//     if p == 0: for k: s.put(A[k])                             pa_fifo* s) { ... put ... }
//     if p == 1: for k: B[k] = s.get() + 1 static void top_PE_1(...) { ... get ... }
//                                          void top(int64_t N, int32_t* restrict A, ...) {
//                                            FIFOs of s: calloc, pa_fifo_init(&s[0], "s", ...)
//                                            one context per PE; pa_run_instances(...)
//
// Each PE is a static function of the module parameters, its shared arrays
// (arguments as pointers, a stream as `pa_fifo*` to its flat row-major array
// of FIFOs) and its private arrays (its own copy of the locals only it
// uses); the region function owns the FIFOs and runs one thread per PE with
// the runtime of DataflowRuntime.h, which only modules with a region
// include. A get is a temporary `T pa_get0 = pa_get_T(&s[i]);` taken before
// its statement, in Python's evaluation order; a put is `pa_fifo_put`. A
// deadlock or a misused FIFO sets the status to 3 and `polyallo_dataflow_report`.
#pragma once

#include "polyhedral/Model.h"

#include <map>
#include <string>

namespace polyallo::codegen {

/// C source for every function of `model`. A function missing from
/// `schedules` (keyed by function name) uses its model's initial schedule.
/// Throws Error(UnknownName) for a schedule of an unknown function.
std::string emitC(const poly::ModuleModel& model, const poly::ScheduleMap& schedules = {});

/// The symbol of a function's uniform entry point:
/// `void polyallo_entry_NAME(const int64_t* params, void* const* buffers)`,
/// params in core::Module::params() order, buffers in Function::params() order.
std::string cEntryName(const std::string& function);

/// The symbol of the module's status flag (an `int`; nonzero after a failed
/// allocation).
inline constexpr const char* kCStatusSymbol = "polyallo_status";
/// The symbol of a `const char*` naming the first out-of-bounds subscript
/// (set with status 2): "file:line:col: ARRAY subscript D".
inline constexpr const char* kCOutOfBoundsSymbol = "polyallo_oob_site";
/// The symbol of a `const char*` describing the first failed run of a
/// dataflow region (set with status 3): "dataflow region 'top' deadlocked:
/// PE_0 waits to put on fifo[0] (full, depth 2); PE_1 waits ...".
inline constexpr const char* kCDataflowReportSymbol = "polyallo_dataflow_report";

} // namespace polyallo::codegen
