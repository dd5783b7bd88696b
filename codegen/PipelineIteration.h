// One iteration of a pipelined loop for the QoR estimator (codegen/Estimate.h): its body
// with every inner loop unrolled (as HLS does), copy by copy, as one ASAP schedule of
// statement instances with dependences by element (codegen/StatementTiming.h), and the
// recurrence II from the flow dependences the loop carries, element by element.
//
//   for i in range(4):  # pipeline II=1     s: float64[8] partitioned (registers), q, A: BRAM
//     q[i] = 0.0                             q[i] written at 0..1
//     for j in range(8):  # unrolled         lane j: s[j] = s[j] + r[i] * A[i, j]  (its own s[j])
//       s[j] = s[j] + r[i] * A[i, j]                 q[i] = q[i] + A[i, j] * p[j]  (forwarded
//       q[i] = q[i] + A[i, j] * p[j]                 from lane j - 1: a chain of 8 dadds)
//
// The lanes' s updates run side by side; the q[i] updates form one chain (each reads what
// the previous lane wrote). The recurrence pairs a write with the reads, in a later
// iteration, of the element it writes: s[j] written in iteration i is read by lane j of
// iteration i + 1 (distance 1), 7 cycles (the dadd) after its read: II 7.
//
// Exact where the subscripts are affine in the unrolled iterators (their values are
// substituted per copy); a loop whose copies would exceed kMaxInstances statement
// instances is not expanded: one copy stands for all, its iterator unknown and every
// latency times the copies (one after another: conservative).
#pragma once

#include "codegen/CarriedFlows.h"
#include "codegen/StatementTiming.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// What expanding a body needs from its function.
struct BodyContext {
  const poly::FunctionModel& fm;
  const Target& target;
  SegmentSchedule::StorageOf storage;
  std::function<int64_t(const LoopNode&)> maxTrip;     // the most iterations of one entry
  std::function<int64_t(const LoopNode&)> callLatency; // a call's (its callee's latency)
};

/// Statement instances one iteration may expand into before loops are collapsed.
constexpr int64_t kMaxInstances = int64_t{1} << 16;

/// One statement instance of an iteration, timed from the iteration's start.
struct Instance {
  int statement = 0;
  StatementTime time;
};

struct IterationTiming {
  int64_t latency = 0;
  std::map<OpKind, int64_t> ops; // operators of one iteration (every copy)
  std::vector<Instance> instances;
};

/// One iteration of the pipelined loop `loop` (`unroll(F)` on it: F copies of its body,
/// one iteration of the pipeline). Calls in the body run after what precedes them.
IterationTiming pipelinedIteration(const LoopNode& loop, const BodyContext& ctx);

struct Recurrence {
  int64_t ii = 0;     // 0: no carried flow is timed
  std::string reason; // "II 7: recurrence on s (S2 -> S2: 7 cycles from reading s[0] ...)"
};

/// The largest `ceil(cycles / distance)` over the carried `flows` of `loop`: for each write
/// of a flow's source and each exposed read of its sink that may touch the element the
/// write touches some iterations earlier (codegen/Subscripts.h: carriedDistance, with
/// `loop`'s iterator advancing by its step times the unroll factor per iteration), the
/// cycles from the read's latest start to the write's end, over that distance (at least
/// the flow's least distance).
Recurrence recurrence(const LoopNode& loop, const IterationTiming& it,
                      const std::vector<CarriedFlow>& flows, const poly::FunctionModel& fm);

} // namespace polyallo::codegen
