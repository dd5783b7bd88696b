// Bank conflicts of pipelined loops, computed exactly with isl. HLS unrolls
// everything inside a pipelined loop, so one iteration of it issues all the
// accesses of its inner loops at once; a memory bank serves `ports` of them
// per cycle (2 for a dual-port BRAM), so a bank that gets more than that in
// one iteration forces II >= ceil(accesses / ports).
//
//   for i in range(8):  # pipeline II=1     A unpartitioned: bank [0] gets A[i], A[i+1],
//     B[i] = A[i] + A[i+1] + A[i+2]           A[i+2] in one iteration: 3 accesses on 2
//                                             ports, II >= 2 (witness S0[0]: A[0], A[1], A[2])
//                                           A cyclic(3): each bank gets 1: no conflict
//
// How: with t the prefix schedule up to and including the pipelined loop,
// R = { [t -> bank] -> [direction, element] } holds the distinct accesses of
// each bank in each iteration (bank from layout::bankMap; direction 0 for a
// read, 1 for a write). Subtracting R's parametric lexmin (the smallest
// access of every (t, bank) at once), over and over, leaves a non-empty
// relation exactly as long as some bank still has accesses: the number of
// rounds is the maximum, found without enumerating the iteration space.
//
// What counts: the distinct elements one iteration reads, plus the distinct
// elements it writes (identical reads are merged, as HLS does; a read and a
// write of one element are two accesses). An unroll factor F on the pipelined
// loop itself makes F consecutive iterations one (HLS unrolls, then
// pipelines what remains); a full unroll makes the whole loop one. Scalars
// (0-d arrays) are registers, and references with data-dependent subscripts
// have no static bank: both are left out, the latter listed per array.
#pragma once

#include "layout/LayoutType.h"
#include "polyhedral/Model.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::layout {

/// One iteration in which a bank serves more accesses than it has ports.
struct BankWitness {
  std::string instance;           // a statement instance of the iteration: "S0[3, 0]"
  std::vector<int64_t> bank;      // one coordinate per dim of the array
  std::vector<std::string> reads; // the distinct elements read from it: "A[3]"
  std::vector<std::string> writes;
  /// "iteration of S0[0]: bank [0] of A serves reads of A[0], A[1], A[2]"
  std::string str(const std::string& array) const;
};

/// One array's use of its banks in one iteration of a pipelined loop.
struct ArrayBankUse {
  std::string array;
  int64_t accesses = 0; // the most distinct accesses one bank serves in one iteration
  int ports = 2;
  int64_t minII = 1;                  // ceil(accesses / ports), at least 1
  std::optional<BankWitness> witness; // when accesses > ports
  /// References (tags) left out because their subscripts are data-dependent.
  std::vector<std::string> dataDependent;
};

/// One pipelined loop: its band and loop names, the II it asks for, and
/// every array its iterations access (sorted by name).
struct PipelinedLoop {
  std::string band, loop;
  int ii = 1;
  std::vector<ArrayBankUse> arrays;
  /// The largest minII of its arrays (1 when none conflicts).
  int64_t minII() const;
};

/// The bank use of every pipelined loop of `fm` under `tree` (in program
/// order), with `layouts` giving the partition of each array (an array
/// without an entry is unpartitioned) and `ports` accesses per bank and
/// cycle. Error(NotConstant) for an accessed array whose extents are not
/// constants (a bank map needs them), Error(InvalidArgument) for ports < 1 or
/// a layout whose rank is not its array's. Run it under the caller's isl
/// budget (IslContext::withBudget): each round is a parametric lexmin.
std::vector<PipelinedLoop> bankConflicts(const poly::FunctionModel& fm, const isl::schedule& tree,
                                         const std::map<std::string, LayoutType>& layouts,
                                         int ports = 2);

} // namespace polyallo::layout
