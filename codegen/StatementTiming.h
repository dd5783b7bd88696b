// The timing of straight-line code for the QoR estimator (codegen/Estimate.h): an
// as-soon-as-possible schedule of the statements of one loop iteration, operator by
// operator, with the latencies of a Target.
//
//   C[i] = C[i] + A[i] * B[i]        float32, unpartitioned BRAMs (read 2, write 1):
//     read C[i]  0..2                the reads start at once (no earlier store of C, A, B)
//     read A[i]  0..2, read B[i] 0..2
//     fmul       2..5                after its operands
//     fadd       5..9                after the fmul and the read of C
//     write C[i] 9..10               the statement's latency is 10
//
// Statements of a segment overlap unless they touch a common array: a read waits for
// every earlier write of its array, a write for every earlier read and write of it (by
// array, not by element: conservative). For each array a statement reads, `latestRead`
// is the latest cycle the read could start without delaying the write (what the
// recurrence II measures from: in `s += A[i]` with `s` a register, the read of `s` can
// wait for A[i]'s 2 cycles, so only the fadd lies between reading and writing `s`).
// Subscripts are addresses: their arithmetic costs nothing (only their reads wait).
#pragma once

#include "codegen/TargetModel.h"
#include "polyhedral/Model.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// How the estimator sees an array's storage.
enum class Storage { Register, Bram, Fifo };

/// One statement of a segment, timed from the segment's start.
struct StatementTime {
  int64_t start = 0, end = 0; // its first operation's start, its write's end
  std::string written;        // the array it writes ("" for a call)
  /// Per array it reads: the latest start of its reads that keeps `end`, and the
  /// operators on the path from that read to the write ("read 2, dadd 7, write 1").
  std::map<std::string, int64_t> latestRead;
  std::map<std::string, std::string> readPath;
  std::vector<OpKind> ops;                 // every operator it uses (DSP counts)
  std::map<std::string, int64_t> accesses; // per BRAM array: its reads and writes
};

/// ASAP over a sequence of statements (one segment of a loop body).
class SegmentSchedule {
public:
  using StorageOf = std::function<Storage(const core::ArrayDecl&)>;
  SegmentSchedule(const Target& target, StorageOf storage)
      : target_(target), storage_(std::move(storage)) {}

  /// Schedules `st` after the segment's earlier statements it depends on.
  const StatementTime& add(const poly::Statement& st);
  /// Cycles from the segment's start to its last write's end.
  int64_t length() const { return length_; }
  const std::vector<StatementTime>& statements() const { return times_; }
  /// Per operator kind, the most instances busy in one cycle.
  std::map<OpKind, int64_t> peakOperators() const;

private:
  const Target& target_;
  StorageOf storage_;
  std::map<std::string, int64_t> writeEnd_;  // array -> end of its last write
  std::map<std::string, int64_t> accessEnd_; // array -> end of its last read or write
  std::vector<StatementTime> times_;
  std::vector<std::pair<OpKind, std::pair<int64_t, int64_t>>> busy_; // op, [start, end)
  int64_t length_ = 0;
};

/// The operator that computes `op` on operands of `type` (IAlu for what chains freely).
OpKind binaryOpKind(core::BinOp op, const core::ElemType& type);

} // namespace polyallo::codegen
