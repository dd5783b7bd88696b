#include "polyhedral/BufferGraft.h"

#include "polyhedral/Affine.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace polyallo::poly {

namespace {

int countDims(const isl::space& set) {
  return static_cast<int>(set.identity_multi_aff_on_domain().size());
}

isl::aff_list affList(isl::ctx ctx, const std::vector<isl::aff>& affs) {
  isl::aff_list list(ctx, static_cast<int>(affs.size()));
  for (const isl::aff& a : affs) {
    list = list.add(a);
  }
  return list;
}

/// Dimension `dim` of the copy statements as a band member, on `domain`.
isl::union_pw_aff copyMember(const isl::set& domain, int dim) {
  isl::pw_aff value(domain.space().identity_multi_aff_on_domain().at(dim));
  return isl::union_pw_aff(value.intersect_domain(domain));
}

TreeNode markedBand(isl::ctx ctx, BandNames names, isl::multi_union_pw_aff partial,
                    TreeNode child) {
  TreeNode band{
      TreeNode::Kind::Band, std::move(partial), std::nullopt, std::nullopt, {std::move(child)}};
  return TreeNode{TreeNode::Kind::Mark,
                  std::nullopt,
                  makeBandMark(ctx, std::move(names)),
                  std::nullopt,
                  {std::move(band)}};
}

TreeNode filterOf(const isl::union_set& filter, TreeNode child) {
  return TreeNode{TreeNode::Kind::Filter, std::nullopt, std::nullopt, filter, {std::move(child)}};
}

class Grafter {
public:
  Grafter(const isl::schedule& tree, const BandSite& site, size_t member,
          const std::vector<CopyNest>& copies)
      : ctx_(tree.ctx()), site_(site), member_(member), copies_(copies),
        all_(isl::union_set::empty(tree.ctx())) {
    for (const CopyNest& c : copies) {
      all_ = all_.unite(isl::union_set(c.domain));
    }
    for (const BandSite& s : bandSites(tree)) {
      bands_.insert(s.names.band);
    }
  }

  isl::schedule run(const isl::schedule& tree) {
    isl::schedule_node root = tree.root();
    TreeNode top = capture(root.child(0));
    int prefix = 0;
    descend(top, 1, prefix);
    isl::schedule_node fresh = isl::schedule_node::from_domain(tree.domain().unite(all_)).child(0);
    return replaceSubtree(fresh, top).schedule();
  }

private:
  /// The band members of `partial`, each with the copies' value of the
  /// prefix dimension it is (counted from `prefix`).
  std::vector<isl::union_pw_aff> extended(const isl::multi_union_pw_aff& partial, size_t count,
                                          int& prefix) const {
    std::vector<isl::union_pw_aff> members;
    for (size_t m = 0; m < count; ++m, ++prefix) {
      isl::union_pw_aff member = partial.at(static_cast<int>(m));
      for (const CopyNest& c : copies_) {
        member = member.union_add(copyMember(c.domain, prefix));
      }
      members.push_back(member);
    }
    return members;
  }

  /// `node` is the node at site_.path[0 .. depth - 1].
  void descend(TreeNode& node, size_t depth, int& prefix) {
    if (depth == site_.path.size()) {
      node = split(node, prefix);
      return;
    }
    if (node.kind == TreeNode::Kind::Band) {
      size_t n = node.partial->size();
      node.partial = makeBand(all_, extended(*node.partial, n, prefix));
    } else if (node.kind == TreeNode::Kind::Filter) {
      node.filter = node.filter->unite(all_);
    }
    descend(node.children.at(static_cast<size_t>(site_.path[depth])), depth + 1, prefix);
  }

  /// The band mark at the site, split after `member_`, the copies around
  /// what follows (their positions come after the `prefix` dimensions).
  TreeNode split(const TreeNode& mark, int& prefix) {
    const BandNames& names = site_.names;
    const TreeNode& band = mark.children.at(0);
    size_t n = band.partial->size();
    TreeNode body = band.children.empty() ? TreeNode{} : band.children[0];
    if (member_ + 1 < n) {
      std::vector<isl::union_pw_aff> inner;
      BandNames innerNames{fresh(names.band + "_inner"), {}, {}};
      for (size_t m = member_ + 1; m < n; ++m) {
        inner.push_back(band.partial->at(static_cast<int>(m)));
        innerNames.loops.push_back(names.loops[m]);
        innerNames.attrs.push_back(names.attrsOf(m));
      }
      body = markedBand(ctx_, innerNames, makeBand(site_.domain, inner), body);
    }
    BandNames outerNames{names.band, {}, {}};
    for (size_t m = 0; m <= member_; ++m) {
      outerNames.loops.push_back(names.loops[m]);
      outerNames.attrs.push_back(names.attrsOf(m));
    }
    std::vector<isl::union_pw_aff> outer = extended(*band.partial, member_ + 1, prefix);
    TreeNode seq{TreeNode::Kind::Sequence, std::nullopt, std::nullopt, std::nullopt, {}};
    for (bool before : {true, false}) {
      if (!before) {
        seq.children.push_back(filterOf(site_.domain, body));
      }
      for (const CopyNest& c : copies_) {
        if (c.before == before) {
          seq.children.push_back(filterOf(isl::union_set(c.domain), copyNest(c, prefix)));
        }
      }
    }
    return markedBand(ctx_, outerNames, makeBand(all_.unite(site_.domain), outer), seq);
  }

  /// The copy's own band over its positions (after `prefix` dimensions).
  TreeNode copyNest(const CopyNest& c, int prefix) {
    std::vector<isl::union_pw_aff> members;
    BandNames names{fresh(c.band), c.loops, {}};
    for (size_t q = 0; q < c.loops.size(); ++q) {
      members.push_back(copyMember(c.domain, prefix + static_cast<int>(q)));
      names.attrs.emplace_back();
    }
    names.attrs.back().pipelineII = 1;
    return markedBand(ctx_, names, makeBand(isl::union_set(c.domain), members), TreeNode{});
  }

  /// `base`, or `base_1`, ...: a band name the tree does not have yet.
  std::string fresh(const std::string& base) {
    std::string name = base;
    for (int k = 1; bands_.count(name) != 0; ++k) {
      name = fmt::format("{}_{}", base, k);
    }
    bands_.insert(name);
    return name;
  }

  isl::ctx ctx_;
  const BandSite& site_;
  size_t member_;
  const std::vector<CopyNest>& copies_;
  isl::union_set all_;
  std::set<std::string> bands_;
};

} // namespace

AxisPrefix axisPrefix(const isl::schedule& tree, const BandSite& site, size_t member) {
  isl::schedule_node band = nodeAt(tree, site.path).child(0);
  auto asBand = band.as<isl::schedule_node_band>();
  if (member + 1 < asBand.n_member()) {
    band = asBand.split(static_cast<int>(member + 1));
  }
  isl::schedule_node below = band.child(0);
  AxisPrefix p;
  p.map = below.prefix_schedule_union_map().intersect_domain(site.domain);
  p.members = below.prefix_schedule_multi_union_pw_aff().intersect_domain(site.domain);
  for (const BandSite& s : bandSites(tree)) {
    if (s.path.size() < site.path.size() &&
        std::equal(s.path.begin(), s.path.end(), site.path.begin())) {
      p.loops.insert(p.loops.end(), s.names.loops.begin(), s.names.loops.end());
    }
  }
  p.loops.insert(p.loops.end(), site.names.loops.begin(),
                 site.names.loops.begin() + static_cast<long>(member) + 1);
  return p;
}

BufferShape::BufferShape(const isl::space& footprint, isl::multi_aff offset,
                         std::vector<int64_t> sizes, std::optional<size_t> keep)
    : footprint_(footprint), offset_(std::move(offset)), size_(std::move(sizes)) {
  for (size_t k = 0; k < size_.size(); ++k) {
    if (size_[k] > 1 || keep == k) {
      kept_.push_back(k);
    }
  }
  if (kept_.empty()) {
    kept_.push_back(size_.size() - 1); // one element still needs a dimension
  }
}

namespace {

std::vector<int64_t> boxSizes(const isl::fixed_box& box) {
  isl::multi_val size = box.size();
  std::vector<int64_t> out;
  for (int k = 0, n = static_cast<int>(size.size()); k < n; ++k) {
    out.push_back(size.at(k).get_num_si());
  }
  return out;
}

} // namespace

BufferShape::BufferShape(const isl::space& footprint, const isl::fixed_box& box)
    : BufferShape(footprint, box.offset(), boxSizes(box)) {}

int BufferShape::position(size_t dim) const {
  auto it = std::find(kept_.begin(), kept_.end(), dim);
  return it == kept_.end() ? -1 : static_cast<int>(it - kept_.begin());
}

std::vector<int64_t> BufferShape::sizes() const {
  std::vector<int64_t> out;
  for (size_t k : kept_) {
    out.push_back(size_[k]);
  }
  return out;
}

void BufferShape::name(const std::string& buffer) {
  isl::multi_aff dm = footprint_.domain_map_multi_aff();
  isl::multi_aff rm = footprint_.range_map_multi_aff();
  isl::multi_aff diff = rm.sub(offset_.pullback(dm));
  std::vector<isl::aff> affs;
  for (size_t k : kept_) {
    affs.push_back(diff.at(static_cast<int>(k)));
  }
  isl::space space = footprint_.wrap().add_named_tuple(isl::id(footprint_.ctx(), buffer),
                                                       static_cast<unsigned>(kept_.size()));
  toBuffer_ = isl::multi_aff(space, affList(footprint_.ctx(), affs));
}

isl::set BufferShape::copyDomain(const isl::map& footprint, const std::string& statement) const {
  isl::multi_aff toCopy = footprint_.domain_map_multi_aff()
                              .flat_range_product(*toBuffer_)
                              .set_range_tuple(isl::id(footprint_.ctx(), statement));
  return footprint.wrap().apply(toCopy.as_map()).coalesce();
}

isl::multi_aff BufferShape::bufferIndex(const isl::space& copy) const {
  int prefix = countDims(footprint_.domain());
  isl::multi_aff id = copy.identity_multi_aff_on_domain();
  std::vector<isl::aff> affs;
  for (size_t q = 0; q < kept_.size(); ++q) {
    affs.push_back(id.at(prefix + static_cast<int>(q)));
  }
  isl::space space =
      copy.add_named_tuple(toBuffer_->range_tuple_id(), static_cast<unsigned>(kept_.size()));
  return isl::multi_aff(space, affList(copy.ctx(), affs));
}

isl::multi_aff BufferShape::arrayIndex(const isl::space& copy) const {
  int prefix = countDims(footprint_.domain());
  isl::multi_aff id = copy.identity_multi_aff_on_domain();
  isl::multi_aff base = offset_.pullback(projection(copy, 0, prefix));
  std::vector<isl::aff> affs;
  for (size_t k = 0, q = 0; k < size_.size(); ++k) {
    isl::aff a = base.at(static_cast<int>(k));
    if (q < kept_.size() && kept_[q] == k) {
      a = a.add(id.at(prefix + static_cast<int>(q++)));
    }
    affs.push_back(a);
  }
  return isl::multi_aff(base.space(), affList(copy.ctx(), affs));
}

void BufferShape::redirect(ModelEdit& edit, const Statement& st, int index,
                           const isl::union_map& prefix, const core::ArrayDecl& array,
                           const std::shared_ptr<core::ArrayDecl>& buffer) const {
  isl::map toPrefix = prefix.intersect_domain(isl::union_set(st.domain)).as_map();
  isl::multi_aff offset =
      singlePiece(isl::pw_multi_aff(offset_).pullback(toPrefix.as_pw_multi_aff()),
                  fmt::format("the offset of '{}' in {}", array.name, st.name));
  std::vector<core::Expr> vars;
  for (const core::StmtPtr& loop : st.loops) {
    vars.push_back(core::varRef(loop->var));
  }
  IteratorDims iterators;
  for (size_t d = 0; d < st.loops.size(); ++d) {
    iterators[st.loops[d]->var.get()] = static_cast<int>(d);
  }
  // old - offset, simplified by isl where that stays one affine piece
  // (`(y + r) - y` becomes `r`); a zero offset keeps the subscript as written.
  auto subscripts = [&](const std::vector<core::Expr>& old) {
    std::vector<core::Expr> out;
    for (size_t k : kept_) {
      isl::aff off = offset.at(static_cast<int>(k));
      if (off.is_cst() && off.constant_val().is_zero()) {
        out.push_back(old.at(k));
        continue;
      }
      isl::pw_aff moved =
          toPwAff(old.at(k), st.domain.space(), iterators).sub(isl::pw_aff(off)).gist(st.domain);
      out.push_back(moved.n_piece() == 1 ? toExpr(moved.as_aff(), vars)
                                         : old.at(k) - toExpr(off, vars));
    }
    return out;
  };
  auto access = [&](const isl::map& old) {
    return toPrefix.range_product(old).apply_range(toBuffer_->as_map());
  };
  edit.redirect(index, array, buffer, subscripts, access);
}

isl::schedule graftCopies(const isl::schedule& tree, const BandSite& site, size_t member,
                          const std::vector<CopyNest>& copies) {
  return Grafter(tree, site, member, copies).run(tree);
}

std::string copyLoopName(const FunctionModel& fm, const std::vector<int>& refs,
                         const core::ArrayDecl& array, size_t dim, const std::string& suffix) {
  std::vector<core::Expr> found;
  std::function<void(const core::Expr&)> visit = [&](const core::Expr& e) {
    if (!e.defined()) {
      return;
    }
    if (e->kind == core::ExprKind::Read && e->array.get() == &array) {
      found.push_back(e->ops.at(dim));
    }
    for (const auto& op : e->ops) {
      visit(op);
    }
  };
  for (int r : refs) {
    const core::StmtNode& s = *fm.statements[static_cast<size_t>(fm.refs[r].statement)].stmt;
    if (s.target.get() == &array) {
      found.push_back(s.indices.at(dim));
    }
    visit(s.value);
  }
  // The first loop variable of the subscript: `y` of `2 * y + r`.
  std::function<const core::VarDecl*(const core::Expr&)> firstVar =
      [&](const core::Expr& e) -> const core::VarDecl* {
    if (e->kind == core::ExprKind::Var) {
      return e->var.get();
    }
    for (const auto& op : e->ops) {
      if (const core::VarDecl* v = firstVar(op)) {
        return v;
      }
    }
    return nullptr;
  };
  for (const core::Expr& e : found) {
    if (const core::VarDecl* v = firstVar(e)) {
      return v->name + suffix;
    }
  }
  return fmt::format("d{}{}", dim, suffix);
}

std::vector<int> statementsOf(const FunctionModel& fm, const std::vector<int>& refs) {
  std::vector<int> out;
  for (int r : refs) {
    int s = fm.refs[static_cast<size_t>(r)].statement;
    if (std::find(out.begin(), out.end(), s) == out.end()) {
      out.push_back(s);
    }
  }
  return out;
}

isl::multi_aff projection(const isl::space& space, int from, int count) {
  isl::multi_aff id = space.identity_multi_aff_on_domain();
  std::vector<isl::aff> affs;
  for (int k = from; k < from + count; ++k) {
    affs.push_back(id.at(k));
  }
  return isl::multi_aff(space.add_unnamed_tuple(static_cast<unsigned>(count)),
                        affList(space.ctx(), affs));
}

} // namespace polyallo::poly
