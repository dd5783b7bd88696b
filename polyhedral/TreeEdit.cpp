#include "polyhedral/TreeEdit.h"

#include "polyhedral/IslShim.h"

namespace polyallo::poly {

TreeNode capture(const isl::schedule_node& node) {
  TreeNode t;
  if (node.isa<isl::schedule_node_band>()) {
    t.kind = TreeNode::Kind::Band;
    t.partial = node.as<isl::schedule_node_band>().partial_schedule();
  } else if (node.isa<isl::schedule_node_mark>()) {
    t.kind = TreeNode::Kind::Mark;
    t.mark = markId(node);
  } else if (node.isa<isl::schedule_node_sequence>()) {
    t.kind = TreeNode::Kind::Sequence;
  } else if (node.isa<isl::schedule_node_filter>()) {
    t.kind = TreeNode::Kind::Filter;
    t.filter = node.as<isl::schedule_node_filter>().filter();
  } else if (!node.isa<isl::schedule_node_leaf>()) {
    throw Error(ErrorKind::Internal,
                "a schedule primitive met a tree node kind it cannot restructure (only bands, "
                "marks, sequences, filters and leaves)");
  }
  for (int c = 0, n = static_cast<int>(node.n_children()); c < n; ++c) {
    t.children.push_back(capture(node.child(c)));
  }
  return t;
}

namespace {

/// Builds `tree` at the leaf `pos`; returns the node now at that position.
isl::schedule_node build(isl::schedule_node pos, const TreeNode& tree) {
  switch (tree.kind) {
  case TreeNode::Kind::Leaf:
    return pos;
  case TreeNode::Kind::Band:
  case TreeNode::Kind::Mark: {
    isl::schedule_node n = tree.kind == TreeNode::Kind::Band
                               ? pos.insert_partial_schedule(*tree.partial)
                               : pos.insert_mark(*tree.mark);
    if (!tree.children.empty()) {
      n = build(n.child(0), tree.children[0]).parent();
    }
    return n;
  }
  case TreeNode::Kind::Sequence: {
    isl::union_set_list filters(pos.ctx(), static_cast<int>(tree.children.size()));
    for (const TreeNode& f : tree.children) {
      filters = filters.add(*f.filter);
    }
    isl::schedule_node seq = pos.insert_sequence(filters);
    for (size_t k = 0; k < tree.children.size(); ++k) {
      const TreeNode& f = tree.children[k];
      isl::schedule_node filter = seq.child(static_cast<int>(k));
      if (!f.children.empty()) {
        filter = build(filter.child(0), f.children[0]).parent();
      }
      seq = filter.parent();
    }
    return seq;
  }
  case TreeNode::Kind::Filter:
    break;
  }
  throw Error(ErrorKind::Internal, "a filter node outside a sequence in a rebuilt schedule tree");
}

void collectBands(const isl::schedule_node& node, std::vector<int>& path,
                  std::vector<BandSite>& out) {
  if (node.isa<isl::schedule_node_mark>()) {
    if (const BandNames* names = bandNames(markId(node))) {
      // isl gives the prefix schedule a universe domain where no filter lies
      // above the node: intersect with the schedule's domain for the
      // instances that really reach the band.
      isl::union_set reaching =
          node.prefix_schedule_union_map().domain().intersect(node.schedule().domain());
      out.push_back({path, *names, reaching});
    }
  }
  for (int c = 0, n = static_cast<int>(node.n_children()); c < n; ++c) {
    path.push_back(c);
    collectBands(node.child(c), path, out);
    path.pop_back();
  }
}

} // namespace

isl::schedule_node replaceSubtree(const isl::schedule_node& node, const TreeNode& tree) {
  return build(cutSubtree(node), tree);
}

isl::schedule_node nodeAt(const isl::schedule& schedule, const std::vector<int>& path) {
  isl::schedule_node node = schedule.root();
  for (int c : path) {
    node = node.child(c);
  }
  return node;
}

std::vector<BandSite> bandSites(const isl::schedule& schedule) {
  std::vector<BandSite> out;
  std::vector<int> path;
  collectBands(schedule.root(), path, out);
  return out;
}

isl::union_pw_aff bandMember(const isl::schedule& schedule, const BandSite& site, size_t member) {
  isl::schedule_node band = nodeAt(schedule, site.path).child(0);
  return band.as<isl::schedule_node_band>().partial_schedule().at(static_cast<int>(member));
}

std::vector<isl::union_pw_aff> bandMembers(const isl::schedule& schedule, const BandSite& site) {
  std::vector<isl::union_pw_aff> out;
  for (size_t m = 0; m < site.names.loops.size(); ++m) {
    out.push_back(bandMember(schedule, site, m));
  }
  return out;
}

isl::multi_union_pw_aff makeBand(const isl::union_set& domain,
                                 const std::vector<isl::union_pw_aff>& members) {
  isl::union_pw_aff_list list(domain.ctx(), static_cast<int>(members.size()));
  for (const auto& m : members) {
    list = list.add(m);
  }
  isl::space space =
      domain.space().params().add_unnamed_tuple(static_cast<unsigned>(members.size()));
  return space.multi_union_pw_aff(list);
}

namespace {

std::optional<int64_t> constant(const isl::val& v) {
  if (!v.is_int() || v.gt(INT64_MAX) || v.lt(INT64_MIN)) {
    return std::nullopt;
  }
  return v.num_si();
}

} // namespace

MemberRange memberRange(const isl::union_pw_aff& member, const isl::union_set& domain) {
  isl::union_set values = member.intersect_domain(domain).as_union_map().range();
  MemberRange r;
  if (values.is_empty()) {
    return r;
  }
  isl::set s = values.as_set();
  r.min = constant(s.dim_min_val(0));
  r.max = constant(s.dim_max_val(0));
  std::optional<int64_t> stride = constant(s.stride(0));
  r.stride = stride && *stride > 0 ? *stride : 1;
  return r;
}

isl::union_pw_aff normalizedMember(const isl::union_pw_aff& member, const isl::union_set& domain,
                                   const MemberRange& range) {
  isl::union_pw_aff m = member;
  if (range.min.value_or(0) != 0) {
    m = m.sub(constantOn(domain, static_cast<long>(*range.min)));
  }
  return range.stride > 1 ? floorDiv(m, static_cast<long>(range.stride)) : m;
}

} // namespace polyallo::poly
