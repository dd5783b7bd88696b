// Schedule subtrees as plain values, for primitives that restructure the
// tree (split, reorder, fuse, compute_at): capture a subtree, change the
// band members, marks and filters it holds with isl's own operations, and
// put it back where it was.
//
//   mark S_i_j_0 (loops i, j)       capture -> TreeNode{Mark, [TreeNode{Band [i, j], [Leaf]}]}
//     band [i, j]                   edit    -> TreeNode{Mark, [TreeNode{Band [j, i], [Leaf]}]}
//                                   replaceSubtree -> mark S_j_i_0 / band [j, i]
//
// Bands are found by the path of child positions from the root to the mark
// above them: paths stay valid across edits below them, isl nodes do not.
#pragma once

#include "polyhedral/Model.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace polyallo::poly {

/// One node of a captured subtree. Only the node kinds polyallo's trees hold
/// (band, mark, sequence, filter, leaf); capture refuses others.
struct TreeNode {
  enum class Kind { Leaf, Band, Mark, Sequence, Filter };
  Kind kind = Kind::Leaf;
  std::optional<isl::multi_union_pw_aff> partial; // Band: its members
  std::optional<isl::id> mark;                    // Mark
  std::optional<isl::union_set> filter;           // Filter
  std::vector<TreeNode> children;                 // Sequence: Filter nodes
};

TreeNode capture(const isl::schedule_node& node);

/// The tree with the subtree at `node` replaced by `tree`; returns the node
/// now at that position.
isl::schedule_node replaceSubtree(const isl::schedule_node& node, const TreeNode& tree);

/// The node reached from the root of `schedule` by child positions `path`.
isl::schedule_node nodeAt(const isl::schedule& schedule, const std::vector<int>& path);

/// A band of a schedule: the path to the BandNames mark above it, its names
/// and the statements it schedules.
struct BandSite {
  std::vector<int> path;
  BandNames names;
  isl::union_set domain;
};

/// Every band of `schedule` in depth-first (program) order.
std::vector<BandSite> bandSites(const isl::schedule& schedule);

/// A band member as a one-member partial schedule of the band at `site`.
isl::union_pw_aff bandMember(const isl::schedule& schedule, const BandSite& site, size_t member);
/// The values a band member takes over `domain`: lb, lb + stride, ..., ub.
/// min and max are unset when they depend on parameters.
struct MemberRange {
  std::optional<int64_t> min, max;
  int64_t stride = 1;
  /// The number of values (the loop's trip count), when constant.
  std::optional<int64_t> trips() const {
    return min && max ? std::optional<int64_t>((*max - *min) / stride + 1) : std::nullopt;
  }
};
MemberRange memberRange(const isl::union_pw_aff& member, const isl::union_set& domain);

/// (member - min) / stride: the member counted 0, 1, 2, ... (its iteration number).
isl::union_pw_aff normalizedMember(const isl::union_pw_aff& member, const isl::union_set& domain,
                                   const MemberRange& range);

/// Every member of the band at `site`, outermost first.
std::vector<isl::union_pw_aff> bandMembers(const isl::schedule& schedule, const BandSite& site);
/// A band's partial schedule from its members (at least one) on `domain`.
isl::multi_union_pw_aff makeBand(const isl::union_set& domain,
                                 const std::vector<isl::union_pw_aff>& members);

} // namespace polyallo::poly
