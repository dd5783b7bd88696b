// The timing of straight-line code for the QoR estimator (codegen/Estimate.h): an
// as-soon-as-possible schedule of statement instances (the statements of one loop
// iteration, or of every copy of its unrolled loops), operator by operator, with the
// latencies of a Target.
//
//   C[i] = C[i] + A[i] * B[i]        float32, unpartitioned BRAMs (read 2, write 1):
//     read C[i]  0..2                the reads start at once (no earlier store of C, A, B)
//     read A[i]  0..2, read B[i] 0..2
//     fmul       2..5                after its operands
//     fadd       5..9                after the fmul and the read of C
//     write C[i] 9..10               the statement's latency is 10
//
// Dependences are by element (codegen/Subscripts.h: subscripts affine in the iterators
// left symbolic, the values of unrolled copies substituted): a read waits for every
// earlier write that may touch its element, a write for every earlier read and write that
// may. Two subscripts whose difference is a non-zero constant in some dimension are
// different elements; otherwise (equal, or undecided: not affine, symbolic parts that
// differ) they are taken as the same (conservative). A read of an element an earlier
// instance wrote with the same subscript, with no write in between that may touch it, is
// forwarded: it takes the written value when it is ready, without a memory access (as HLS
// forwards a store to a load of the same address in straight-line code).
//
// For each read, `latest` is the latest cycle it could start without delaying its
// statement's write (what the recurrence II measures from: in `s += A[i]` with `s` a
// register, the read of `s` can wait for A[i]'s 2 cycles, so only the fadd lies between
// reading and writing `s`). A read is `exposed` when no earlier instance of the segment
// wrote its element with the same subscript: only such a read may see a value an earlier
// iteration wrote. Subscripts are addresses: their arithmetic costs nothing (only their
// reads wait).
#pragma once

#include "codegen/Subscripts.h"
#include "codegen/TargetModel.h"
#include "polyhedral/Model.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::codegen {

/// How the estimator sees an array's storage.
enum class Storage { Register, Bram, Fifo };

/// One read of a statement instance.
struct ReadTime {
  std::string array;
  Subscript at;        // its element
  int64_t latest = 0;  // the latest start that keeps the statement's write where it is
  std::string path;    // the operators from it to the write: "read 2, dadd 7, write 1"
  bool exposed = true; // may read a value of an earlier iteration (see above)
};

/// One statement instance of a segment, timed from the segment's start.
struct StatementTime {
  int64_t start = 0, end = 0; // its first operation's start, its write's end
  std::string written;        // the array it writes ("" for a call)
  Subscript writtenAt;        // the element it writes
  std::vector<ReadTime> reads;
  std::vector<OpKind> ops;                 // every operator it uses (DSP counts)
  std::map<std::string, int64_t> accesses; // per BRAM array: its reads and writes
};

/// When earlier accesses of an array's elements end, by element (see above).
class ElementTimes {
public:
  /// The end of the last earlier write that may touch `at`.
  int64_t writesBefore(const std::string& array, const Subscript& at) const;
  /// The end of the last earlier read or write that may touch `at`.
  int64_t accessesBefore(const std::string& array, const Subscript& at) const;
  /// When the value of an earlier write with the same subscript is ready, if no write
  /// after it may have touched `at` (the read is forwarded); nullopt otherwise.
  std::optional<int64_t> forwarded(const std::string& array, const Subscript& at) const;
  /// Whether an earlier write had the same subscript.
  bool written(const std::string& array, const Subscript& at) const;
  void noteRead(const std::string& array, const Subscript& at, int64_t end);
  void noteWrite(const std::string& array, const Subscript& at, int64_t valueReady, int64_t end);

private:
  struct Times {
    int64_t writeEnd = 0, accessEnd = 0, valueReady = 0;
    int64_t seq = 0; // the write's number in the array (0: none)
  };
  struct Group { // the subscripts that share their symbolic parts, by their constants
    Times any;
    std::map<std::vector<int64_t>, Times> elements;
  };
  using Linear = std::vector<std::map<std::string, int64_t>>;
  struct ArrayTimes {
    int64_t writes = 0;
    Times all, unknown; // every access; those of subscripts that are not affine
    std::map<Linear, Group> groups;
  };
  static void raise(Times& t, int64_t writeEnd, int64_t accessEnd, int64_t valueReady, int64_t seq);
  static std::pair<Linear, std::vector<int64_t>> split(const Subscript& at);
  /// The latest `end` of the earlier accesses that may touch `at`.
  int64_t endBefore(const std::string& array, const Subscript& at, int64_t Times::*end) const;
  std::map<std::string, ArrayTimes> arrays_;
};

/// ASAP over a sequence of statement instances (one segment of a loop body, or one
/// iteration of a pipelined loop with its unrolled loops expanded).
class SegmentSchedule {
public:
  using StorageOf = std::function<Storage(const core::ArrayDecl&)>;
  SegmentSchedule(const Target& target, StorageOf storage)
      : target_(target), storage_(std::move(storage)) {}

  /// Schedules the instance of `st` whose loop variables have the values `at` (those it
  /// lacks are not affine) after the earlier instances it depends on. `repeat` > 1 stands
  /// for that many copies one after another: every latency and operator times `repeat`.
  const StatementTime& add(const poly::Statement& st, const VarValues& at, int64_t repeat = 1);
  /// Cycles from the segment's start to its last write's end.
  int64_t length() const { return length_; }
  const std::vector<StatementTime>& statements() const { return times_; }
  /// Per operator kind, the most instances busy in one cycle.
  std::map<OpKind, int64_t> peakOperators() const;

private:
  const Target& target_;
  StorageOf storage_;
  ElementTimes elements_;
  std::vector<StatementTime> times_;
  std::vector<std::pair<OpKind, std::pair<int64_t, int64_t>>> busy_; // op, [start, end)
  int64_t length_ = 0;
};

/// The values of the loop variables of `st` for an instance whose domain dimensions are
/// `args` (a User node's), AST iterators taking the values `at`.
VarValues instanceValues(const poly::Statement& st, const std::vector<AstExprPtr>& args,
                         const IteratorValues& at);

/// The operator that computes `op` on operands of `type` (IAlu for what chains freely).
OpKind binaryOpKind(core::BinOp op, const core::ElemType& type);

} // namespace polyallo::codegen
