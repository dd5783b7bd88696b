// The partition step as the schedule logs it. partition changes no loop: the
// Schedule validates it and logs it; layout inference (layout/Infer.h)
// reads the log, propagates each partition over the calls and the HLS
// emitter turns the result into `#pragma HLS array_partition`.
//
//   s.partition("gemm:A", poly::PartitionType::Cyclic, {2}, 4)
//   -> Step{"partition", names {"gemm:A"}, values {2 /*Cyclic*/, 4 /*factor*/, 2 /*dim*/}}
//      printed partition("gemm:A", partition_type=Cyclic, dim=2, factor=4)
#pragma once

#include "core/Diagnostics.h"

#include <cstdint>
#include <string>
#include <vector>

namespace polyallo::poly {

struct Step;

/// Allo's numbering (allo.customize.Partition): Complete 0, Block 1, Cyclic 2.
enum class PartitionType : int64_t { Complete = 0, Block = 1, Cyclic = 2 };

/// "Complete", "Block", "Cyclic" (or the number when it is none of them).
std::string partitionTypeName(int64_t type);

/// A logged partition step, decoded: the array it names and what it asks of
/// each dim.
struct PartitionRequest {
  std::string function; // the array's function ("func:A", or the step's function for "A")
  std::string array;
  int64_t type = 0;          // a PartitionType
  int64_t factor = 0;        // banks for Block / Cyclic; 0 for Complete
  std::vector<int64_t> dims; // as written: 1-based, or 0 = every dim
  SourceLoc loc;

  /// Whether the step names every dim (a 0 among its dims).
  bool allDims() const;
  /// The 0-based dims it partitions on an array of `rank` dims, ascending.
  std::vector<size_t> dimsOf(size_t rank) const;
};

/// Decodes a "partition" step: names {array}, values {type, factor, dims...}.
/// Error(InvalidArgument) for a step of another shape.
PartitionRequest partitionRequest(const Step& step);

/// The step as a script spells it:
/// `partition("gemm:A", partition_type=Cyclic, dim=2, factor=4)`.
std::string partitionStepText(const Step& step);

} // namespace polyallo::poly
