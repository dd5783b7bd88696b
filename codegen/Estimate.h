// The QoR estimator: latency, initiation intervals, DSP and BRAM of a kernel under its
// schedule, from the same loop AST the HLS emitter prints (ScaleHLS's model, with the
// constants of a target description, codegen/TargetModel.h). docs/hls.md ("Estimating
// QoR") states every formula; in short, per loop:
//
//   pipelined   latency = iterLat + II * (trip - 1) + 2; iterLat: one ASAP schedule of
//               every copy of the body's unrolled loops, dependences by element
//               II = max(asked, recurrence, ports): recurrence ceil(L / d) for a flow
//               dependence carried at distance d with L cycles from a read of an element
//               to the write of that element; ports ceil(accesses / ports) of the busiest
//               bank (layout::bankConflicts)
//   sequential  latency = trip * iterLat + 2; iterLat: the body's segments in turn, each
//               segment an ASAP schedule of its statements (codegen/StatementTiming.h)
//   unrolled F  ceil(trip / F) iterations of F copies (parallel for straight-line bodies
//               that carry no dependence, subject to ports; else one after another)
//
//   for i in range(64):   # pipeline II=1      s: float64[1] (a register), A: float64[64]
//     s[0] += A[i]                              iterLat 2 + 7 = 9 (read A, dadd)
//                                               II 7: recurrence on s (s[0]: dadd 7, distance 1)
//                                               latency 9 + 7 * 63 + 2 = 452
//
// Trip counts are exact (codegen/LoopCounts.h); latencies are summed over every entry of a
// loop, so a triangular nest's latency is exact under the model too.
//
// The pieces: Estimate.cpp (functions, callees first; DSP and BRAM), FunctionEstimator.h
// (one body: its loops and rows), PipelineIteration.h (one pipelined iteration, its
// recurrence), StatementTiming.h (ASAP of statement instances), Subscripts.h (which
// element an access touches), CarriedFlows.h, LoopCounts.h, ArrayStorage.h (register,
// BRAM or FIFO; BRAM18K), EstimateReport.cpp (text and JSON).
#pragma once

#include "codegen/TargetModel.h"
#include "polyhedral/Schedule.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// One loop of the estimate.
struct LoopEstimate {
  std::string function;   // the HLS function it is in (a PE: "f_PE_0")
  std::string label;      // its HLS label: l_<band>_<loop>
  int depth = 0;          // 0 = outermost in its function
  std::string mode;       // "pipelined", "sequential", "unrolled 4", "unrolled", "in a pipeline"
  int64_t entries = 0;    // times the loop starts
  int64_t iterations = 0; // iterations over all entries (exact)
  int64_t iterationLatency = 0; // cycles of one iteration (the average for uneven bodies)
  int64_t ii = 0;               // pipelined: the II; 0 otherwise
  int64_t askedII = 0;          // pipelined: the II the schedule asked for
  std::string iiReason;         // pipelined: "II 7: recurrence on s (...)", "II 1"
  int64_t latency = 0;          // cycles of one entry (the average over entries)
  int64_t totalCycles = 0;      // summed over all entries
};

/// One function (kernel, callee or processing element).
struct FunctionEstimate {
  std::string name;
  int64_t latency = 0; // cycles, start to done
  int64_t dsp = 0;
  int64_t bram = 0;  // BRAM18K blocks of every array it declares and what its callees declare
  std::string notes; // how it was combined: "dataflow: the slowest of 3 stages", ...
};

struct Estimate {
  std::string kernel;
  std::string target;                          // the target's name and clock
  int64_t dspAvailable = 0, bramAvailable = 0; // the part's (Target::dspAvailable, ...)
  std::vector<FunctionEstimate> functions;     // callees first, the kernel last
  std::vector<LoopEstimate> loops;             // in the order of `functions`, then program order
  const FunctionEstimate& top() const { return functions.back(); }
};

/// The estimate of kernel `function` under `schedule` (what `polyallo estimate` prints).
/// Error(NotImplemented) for symbolic sizes (as HLS emission), Error(UnknownName) for a
/// function the module lacks.
Estimate estimate(const poly::Schedule& schedule, const std::string& function,
                  const Target& target = Target::builtin());

/// A table: one row per loop, then per function latency, DSP and BRAM.
std::string estimateText(const Estimate& e);
/// The same as JSON: {"kernel", "target", "functions": [...], "loops": [...]}.
std::string estimateJson(const Estimate& e);

} // namespace polyallo::codegen
