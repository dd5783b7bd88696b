// Layout types: how the elements of an array are spread over memory banks
// (what `#pragma HLS array_partition` asks for), one partition per dimension,
// and the lattice they form. A finer partition is a subtype: every bank of it
// lies inside one bank of the coarser one, so it offers at least the same
// parallel ports to every access pattern.
//
//   A: float32[10, 10]
//   s.partition(s.A, partition_type=Partition.Cyclic, dim=2, factor=4)
//   -> LayoutType [none, cyclic(4)]
//      bankMap: { A[i, j] -> [0, j mod 4, i, floor(j / 4)] : 0 <= i, j < 10 }
//
// Per dimension of extent N, from finest to coarsest:
//
//   complete  <=  block(f), cyclic(f)  <=  none
//   cyclic(f) <= cyclic(g)   iff g divides f
//   block(f)  <= block(g)    iff ceil(N/f) divides ceil(N/g)  (each f-block lies in one g-block)
//   block and cyclic partitions of 1 < f < N banks are never comparable.
//
// Layouts are compared in canonical form (`normalize`): a factor of 1 is none,
// a factor >= N is complete, block(f) is block(number of non-empty blocks)
// (block(6) on 10 elements has blocks of 2: it is block(5)), and every dim of
// extent 1 is none. A symbolic extent (given as 0) is compared by the
// relations that hold for every N: cyclic(f) <= cyclic(g) iff g divides f,
// block(f) <= block(g) iff f == g.
#pragma once

#include "polyhedral/Isl.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace polyallo::layout {

enum class PartitionKind { None, Complete, Block, Cyclic };

/// One dimension's partition.
struct DimPartition {
  PartitionKind kind = PartitionKind::None;
  int64_t factor = 0; // number of banks for Block / Cyclic; 0 otherwise

  static DimPartition none() { return {}; }
  static DimPartition complete() { return {PartitionKind::Complete, 0}; }
  static DimPartition block(int64_t banks) { return {PartitionKind::Block, banks}; }
  static DimPartition cyclic(int64_t banks) { return {PartitionKind::Cyclic, banks}; }

  /// "none", "complete", "block(4)", "cyclic(4)"
  std::string str() const;
  bool operator==(const DimPartition&) const = default;
};

/// One array's partition: one entry per dimension.
struct LayoutType {
  std::vector<DimPartition> dims;

  /// Every one of `rank` dims unpartitioned (the top of the lattice).
  static LayoutType unpartitioned(size_t rank) { return {std::vector<DimPartition>(rank)}; }
  /// Whether some dim is partitioned.
  bool partitioned() const;
  /// "[none, cyclic(4)]"
  std::string str() const;
  bool operator==(const LayoutType&) const = default;
};

/// The canonical form of `p` on a dim of `extent` elements (0: symbolic),
/// described above. Two partitions with the same banks have the same form.
DimPartition normalize(DimPartition p, int64_t extent);
LayoutType normalize(LayoutType layout, const std::vector<int64_t>& extents);

/// The bank map of `layout` on array `array` with constant `extents`:
/// { A[i, j] -> [bank_0, bank_1, offset_0, offset_1] } on the array's box, one
/// bank and one offset coordinate per dim: none: bank 0, offset i; complete:
/// bank i, offset 0; block(f): bank floor(i / ceil(N/f)), offset i mod
/// ceil(N/f); cyclic(f): bank i mod f, offset floor(i / f) (Allo's maps).
/// Error(InvalidArgument) for a non-positive extent or a rank mismatch.
isl::map bankMap(isl::ctx ctx, const std::string& array, const std::vector<int64_t>& extents,
                 const LayoutType& layout);

/// Whether every bank of `finer` lies inside one bank of `coarser`, on a dim
/// of `extent` elements (0: symbolic).
bool isSubtype(const DimPartition& finer, const DimPartition& coarser, int64_t extent);
/// The same on every dim (the layouts have the rank of `extents`).
bool isSubtype(const LayoutType& finer, const LayoutType& coarser,
               const std::vector<int64_t>& extents);

/// What layout inference needs: the coarsest partition serving both
/// requirements (the greatest lower bound), in canonical form; e.g. on 12
/// elements meet(cyclic(2), cyclic(3)) = cyclic(6), meet(block(2), block(3))
/// = block(6), meet(none, p) = p, meet(complete, p) = complete.
///
/// nullopt when the only common refinement is complete but neither side asked
/// for complete: block vs cyclic, cyclic(4) vs cyclic(6) on 10 elements (no
/// lcm below 10), block(3) vs block(2) on 10 elements (blocks of 4 and 5 share
/// only single elements). Complete turns a memory into N registers; inference
/// reports such a mismatch instead of choosing that silently (an explicit
/// complete partition on either side is the fix).
std::optional<DimPartition> meet(const DimPartition& a, const DimPartition& b, int64_t extent);
/// Dim by dim; nullopt if some dim has no meet.
std::optional<LayoutType> meet(const LayoutType& a, const LayoutType& b,
                               const std::vector<int64_t>& extents);

/// The finest partition both are subtypes of (the least upper bound), in
/// canonical form: join(cyclic(4), cyclic(6)) = cyclic(2), join(block(f),
/// block(g)) = the block whose blocks are the least realizable common
/// multiple of both block sizes, join(block, cyclic) = none, join(complete,
/// p) = p. It always exists (none is the top); what an array shared by two
/// kernels offers both of them.
DimPartition join(const DimPartition& a, const DimPartition& b, int64_t extent);
LayoutType join(const LayoutType& a, const LayoutType& b, const std::vector<int64_t>& extents);

} // namespace polyallo::layout
