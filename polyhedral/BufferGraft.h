// The pieces memory primitives build buffers from: the prefix schedule that
// identifies one iteration of a loop, a buffer as a box of an array, and
// copy loop nests grafted around a loop's body.
//
//   mark S_i_k_j (loops i, k, j)           mark S_i_k_j (loops i)
//     band [i, k, j]                          band [i]          (copies get pieces: S2[i, j] -> i)
//                           graftCopies         sequence
//                           at i          ->      filter S2: mark C_buf_init (j_init) band [j]
//                                                 filter S1: mark S_i_k_j_inner (k, j) band [k, j]
//                                                 filter S3: mark C_buf_back (j_back) band [j]
//
// A copy statement's instances are [prefix..., position...]: the values of
// the loops down to the axis, then one per buffer dimension. Grafting puts
// them in the domain, adds their prefix values as pieces of every band above
// (what an extension node would graft, expanded: isl's dependence analysis
// and prefix schedules refuse extension nodes, and every later primitive
// walks the tree) and one band of their own over the positions.
#pragma once

#include "polyhedral/ModelEdit.h"
#include "polyhedral/TreeEdit.h"

#include <string>
#include <vector>

namespace polyallo::poly {

/// The schedule dimensions down to (and including) one loop.
struct AxisPrefix {
  isl::union_map map;              // instance -> [t0, ..., t(p-1)], instances under the loop
  isl::multi_union_pw_aff members; // the same, as band members
  std::vector<std::string> loops;  // the loop of each dimension
};
AxisPrefix axisPrefix(const isl::schedule& tree, const BandSite& site, size_t member);

/// A buffer as a box of an array: element e of the array is at e - offset(prefix),
/// each dimension in [0, size); dimensions of size 1 are dropped.
class BufferShape {
public:
  /// `footprint` is the space [prefix] -> A[e]; `offset` maps the prefix to
  /// the buffer's first element, `sizes` are the box's extents; dimension
  /// `keep` stays even when its extent is 1.
  BufferShape(const isl::space& footprint, isl::multi_aff offset, std::vector<int64_t> sizes,
              std::optional<size_t> keep = std::nullopt);
  /// The shape of a fixed box hull of the footprint.
  BufferShape(const isl::space& footprint, const isl::fixed_box& box);
  const isl::multi_aff& offset() const { return offset_; }
  /// Where array dimension `dim` sits among the buffer's, or -1 if dropped.
  int position(size_t dim) const;
  /// The buffer's extents (the kept dimensions).
  std::vector<int64_t> sizes() const;
  /// The array dimensions the buffer keeps.
  const std::vector<size_t>& kept() const { return kept_; }
  /// Names the buffer's isl tuple (call before the functions below).
  void name(const std::string& buffer);

  /// Copy instances S[prefix, position] for the elements of `footprint`
  /// ([prefix] -> A[e]); `statement` names the tuple.
  isl::set copyDomain(const isl::map& footprint, const std::string& statement) const;
  /// S[prefix, position] -> buffer[position] and -> A[offset(prefix) + position].
  isl::multi_aff bufferIndex(const isl::space& copy) const;
  isl::multi_aff arrayIndex(const isl::space& copy) const;
  /// Moves statement `index`'s accesses of `array` to `buffer`, given the
  /// prefix schedule of its instances.
  void redirect(ModelEdit& edit, const Statement& st, int index, const isl::union_map& prefix,
                const core::ArrayDecl& array, const std::shared_ptr<core::ArrayDecl>& buffer) const;

private:
  isl::space footprint_;
  isl::multi_aff offset_; // [prefix] -> A[offset]
  std::vector<int64_t> size_;
  std::vector<size_t> kept_;
  std::optional<isl::multi_aff> toBuffer_; // [[prefix] -> A[e]] -> buffer[e - offset]
};

/// A copy loop nest: its statement's instances, band and loop names, and
/// whether it runs before the loop's body (a load) or after it (a store).
struct CopyNest {
  isl::set domain;
  std::string band;
  std::vector<std::string> loops;
  bool before = true;
};

/// `tree` with `copies` around the body of loop `member` of the band at
/// `site`: the band splits after that loop, the loads run first and the
/// stores last in each of its iterations; each copy's innermost loop is
/// pipelined (II=1).
isl::schedule graftCopies(const isl::schedule& tree, const BandSite& site, size_t member,
                          const std::vector<CopyNest>& copies);

/// The copy loop of array dimension `dim`: named after the loop the first of
/// `refs` indexes that dimension with ("j" + "_init"), else "d1" + suffix.
std::string copyLoopName(const FunctionModel& fm, const std::vector<int>& refs,
                         const core::ArrayDecl& array, size_t dim, const std::string& suffix);

/// The statements of `refs` (indices into fm.refs), each once, in order.
std::vector<int> statementsOf(const FunctionModel& fm, const std::vector<int>& refs);

/// The dimensions [from, from + count) of the set space `space`, as a
/// function to an unnamed tuple: { S[a, b, c] -> [b, c] } for (1, 2).
isl::multi_aff projection(const isl::space& space, int from, int count);

} // namespace polyallo::poly
