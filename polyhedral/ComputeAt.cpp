// compute_at (Schedule.h): the producer's loop nest joins the consumer's
// down to one of the consumer's loops. Both nests must be siblings in one
// block, the producer first; the producer's outer loops, as many as the
// consumer has down to that loop, are fused with them, so each iteration of
// the consumer's loop computes the producer's values right before using them.
//
//   sequence                               mark C (loops i, j)     band [i, j]
//     filter P: mark P (i, j) band      ->   sequence
//     filter C: mark C (i, j, k) band          filter P: (P's loops below j)
//                                              filter C: mark C_inner (k) band
//
// Legality decides the rest: a consumer that reads a producer value
// computed in a later iteration is refused with the witness.
#include "polyhedral/Schedule.h"

#include <fmt/format.h>

namespace polyallo::poly {

namespace {

/// The mark + band of `names`'s members [from, to) over `members`, above `child`.
TreeNode bandPart(isl::ctx ctx, const BandNames& names, const std::string& band, size_t from,
                  size_t to, const std::vector<isl::union_pw_aff>& members,
                  const isl::union_set& domain, TreeNode child) {
  if (from >= to) {
    return child;
  }
  BandNames part;
  part.band = band;
  std::vector<isl::union_pw_aff> list;
  for (size_t m = from; m < to; ++m) {
    part.loops.push_back(names.loops[m]);
    part.attrs.push_back(names.attrsOf(m));
    list.push_back(members[m]);
  }
  TreeNode bandNode{
      TreeNode::Kind::Band, makeBand(domain, list), std::nullopt, std::nullopt, {std::move(child)}};
  return TreeNode{TreeNode::Kind::Mark,
                  std::nullopt,
                  makeBandMark(ctx, std::move(part)),
                  std::nullopt,
                  {std::move(bandNode)}};
}

TreeNode filterOf(const isl::union_set& filter, TreeNode child) {
  return TreeNode{TreeNode::Kind::Filter, std::nullopt, std::nullopt, filter, {std::move(child)}};
}

} // namespace

void Schedule::applyComputeAt(const Step& step) {
  Loop producer = findBand(step, step.names.at(0));
  Loop consumer = findLoop(step, step.names.at(1));
  const BandSite& p = producer.band;
  const BandSite& c = consumer.band;
  std::vector<int> seqPath = c.path;
  bool siblings = producer.function == consumer.function && p.path.size() == c.path.size() &&
                  c.path.size() >= 2 && c.path.back() == 0 && p.path.back() == 0 &&
                  std::equal(p.path.begin(), p.path.end() - 2, c.path.begin());
  require(
      siblings && p.path != c.path, ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("compute_at moves a producer's loop nest into a consumer's nest "
                           "that follows it in the same block; band {} ({}) and loop '{}' of "
                           "band {} are not side by side",
                           p.names.band, fmt::join(p.names.loops, ", "), consumer.name(),
                           c.names.band);
      },
      step.loc);
  seqPath.resize(seqPath.size() - 2);
  int pPos = p.path[p.path.size() - 2], cPos = c.path[c.path.size() - 2];
  require(
      pPos < cPos, ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("compute_at moves a producer into a consumer that follows it; the "
                           "producer's band {} comes after the consumer's band {}",
                           p.names.band, c.names.band);
      },
      step.loc);
  size_t depth = consumer.member + 1;
  require(
      p.names.loops.size() >= depth, ErrorKind::InvalidSchedule,
      [&] {
        return fmt::format("compute_at at '{}' fuses {} loops, but the producer's band {} has "
                           "only {} ({}); choose an outer loop of the consumer",
                           consumer.name(), depth, p.names.band, p.names.loops.size(),
                           fmt::join(p.names.loops, ", "));
      },
      step.loc);

  const isl::schedule& tree = trees_.at(consumer.function);
  isl::ctx ctx = tree.ctx();
  std::vector<isl::union_pw_aff> pm = bandMembers(tree, p), cm = bandMembers(tree, c);
  std::vector<isl::union_pw_aff> fused;
  for (size_t m = 0; m < depth; ++m) {
    fused.push_back(pm[m].union_add(cm[m]));
  }
  TreeNode seq = capture(nodeAt(tree, seqPath));
  TreeNode pBody = seq.children[static_cast<size_t>(pPos)].children.at(0).children.at(0);
  TreeNode cBody = seq.children[static_cast<size_t>(cPos)].children.at(0).children.at(0);
  pBody = pBody.children.empty() ? pBody : pBody.children[0];
  cBody = cBody.children.empty() ? cBody : cBody.children[0];
  TreeNode inner{TreeNode::Kind::Sequence, std::nullopt, std::nullopt, std::nullopt, {}};
  inner.children.push_back(filterOf(
      p.domain, bandPart(ctx, p.names, p.names.band, depth, pm.size(), pm, p.domain, pBody)));
  inner.children.push_back(filterOf(c.domain, bandPart(ctx, c.names, c.names.band + "_inner", depth,
                                                       cm.size(), cm, c.domain, cBody)));
  isl::union_set both = p.domain.unite(c.domain);
  TreeNode outer = bandPart(ctx, c.names, c.names.band, 0, depth, fused, both, inner);

  TreeNode result = seq;
  result.children.clear();
  for (size_t k = 0; k < seq.children.size(); ++k) {
    if (static_cast<int>(k) == cPos) {
      result.children.push_back(filterOf(both, outer));
    } else if (static_cast<int>(k) != pPos) {
      result.children.push_back(seq.children[k]);
    }
  }
  if (result.children.size() == 1) {
    result = result.children[0].children.at(0);
  }
  isl::schedule moved = replaceSubtree(nodeAt(tree, seqPath), result).schedule();
  commit(step, consumer.function, moved, Check::Everything);
}

} // namespace polyallo::poly
