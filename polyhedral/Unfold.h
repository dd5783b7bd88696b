// Processing elements: the instances of a function whose bands carry unfolded
// loops (s.unfold, or a df.kernel's mapping). Each value of the unfolded
// loops of a band is one processing element (PE), a function of its own that
// runs concurrently with the others and talks to them only through streams.
//
//   mark PE (loops i [unfold], j [unfold], k)     PE_0_0: domain { S0[0, 0, k] }
//     band [i, j, k]                               PE_0_1: domain { S0[0, 1, k] }
//       S0: C[i, j] += A[i, k] * B[k, j]   ->      PE_1_0: ...
//                                                  (each: the tree restricted to its instances)
//
// A function with unfolded bands is a dataflow region: every statement lies
// under one of them. Local arrays that one band alone touches become private
// to each of its PEs; streams (ArrayDecl::isStream) connect PEs; arguments
// are shared.
#pragma once

#include "polyhedral/Model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::poly {

/// One processing element.
struct PeInstance {
  std::string name;               // "PE_0_1": the band's name and the coordinates
  std::string band;               // "PE"
  std::vector<std::string> loops; // the unfolded loops, outermost first ("i", "j")
  std::vector<int64_t> coords;    // their values for this PE
  isl::union_set domain;          // its statement instances
  isl::schedule tree;             // the function's tree restricted to `domain`
  /// Arrays this PE uses, in fm.arrays() order: shared ones (arguments,
  /// returned arrays, streams) and private ones (locals of this PE alone).
  std::vector<std::shared_ptr<core::ArrayDecl>> shared, privates;
};

/// The unfolded members of a band, outermost first.
std::vector<size_t> unfoldedMembers(const BandNames& names);

/// Whether `tree` has a band with an unfolded loop.
bool hasUnfoldedBand(const isl::schedule& tree);

/// The PEs of `fm` under `tree`, band by band in tree order, coordinates in
/// lexicographic order; empty when no band is unfolded. Throws
/// Error(InvalidSchedule) when a statement lies outside every unfolded band,
/// an unfolded loop has no constant bounds, a non-stream local is used by
/// two bands, or PEs share data other than through streams (sharingViolation).
std::vector<PeInstance> peInstances(const FunctionModel& fm, const isl::schedule& tree);

/// Whether PEs may share an array through the load and store copies of a
/// buffer (buffer_at) that no `to` relays yet.
enum class PendingRelays {
  Allowed, // right after unfold: a later to() orders them through FIFOs
  Refused, // the finished region: only relayed buffers' copies may share
};

/// The first way the PEs of `fm` under `tree` would share data other than
/// through streams, as a sentence naming both instances, their PEs and the
/// element: two PEs touch one element of a shared (non-stream) array and
/// one of them writes it, or a PE reads a value of a local that another PE
/// wrote. Also a statement outside every unfolded band. Nothing if none.
/// The copies of a relayed buffer share its array in the order the FIFOs
/// impose (the first PE loads, the last stores), so they never count.
std::optional<std::string> sharingViolation(const FunctionModel& fm, const isl::schedule& tree,
                                            PendingRelays pending = PendingRelays::Refused);

/// One FIFO (an element of a stream array) and the PEs at its two ends.
struct FifoLink {
  std::string stream;         // "fifo_A"
  std::vector<int64_t> index; // the element: {1, 2} (empty for a single FIFO)
  int producer = -1;          // index into the PEs; -1: no PE puts into it
  int consumer = -1;          // -1: no PE gets from it
  /// "fifo_A[1][2]"
  std::string str() const;
};

/// Every FIFO some PE uses, in stream then index order. Throws
/// Error(InvalidSchedule) when two PEs put into one FIFO or two get from it
/// (FIFOs are single-producer single-consumer), naming both.
std::vector<FifoLink> fifoLinks(const FunctionModel& fm, const std::vector<PeInstance>& pes);

} // namespace polyallo::poly
