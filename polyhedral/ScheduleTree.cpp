// The initial schedule tree in program order (Extract.h).
//
//   for i in range(M):                 mark "S_i_0" {i}
//     for j in range(N):      ->         band [i]          (i alone: two children)
//       S0                                 sequence
//     for k in range(N):                     filter S0: mark "S_j_1" {j}: band [j]
//       S1                                   filter S1: mark "S_k_2" {k}: band [k]
//
// Loops nested with nothing else around them join one band (Allo's bands).
#include "polyhedral/Extract.h"

#include <fmt/format.h>

namespace polyallo::poly {

using core::StmtKind;
using core::StmtPtr;

namespace {

class TreeBuilder {
public:
  explicit TreeBuilder(const FunctionModel& fn) : fn_(fn) {
    for (size_t i = 0; i < fn.statements.size(); ++i) {
      index_[fn.statements[i].stmt.get()] = static_cast<int>(i);
    }
  }

  isl::schedule build() {
    isl::schedule_node root = isl::schedule_node::from_domain(fn_.domain);
    if (fn_.statements.empty()) {
      return root.schedule();
    }
    return buildBlock(root.child(0), fn_.fn->body()).schedule();
  }

private:
  /// The statement instances under `s`.
  isl::union_set instancesUnder(const StmtPtr& s) const {
    isl::union_set out = isl::union_set::empty(fn_.domain.ctx());
    auto it = index_.find(s.get());
    if (it != index_.end()) {
      return isl::union_set(fn_.statements[it->second].domain);
    }
    for (const auto& list : {&s->body, &s->orelse}) {
      for (const StmtPtr& c : *list) {
        out = out.unite(instancesUnder(c));
      }
    }
    return out;
  }

  /// Items of a block that hold statements; an If contributes its branches.
  void flatten(const std::vector<StmtPtr>& block, std::vector<StmtPtr>& items) const {
    for (const StmtPtr& s : block) {
      if (s->kind == StmtKind::If) {
        flatten(s->body, items);
        flatten(s->orelse, items);
      } else if (!statementsUnder(s).empty()) {
        items.push_back(s);
      }
    }
  }

  std::vector<int> statementsUnder(const StmtPtr& s) const {
    std::vector<int> out;
    auto it = index_.find(s.get());
    if (it != index_.end()) {
      out.push_back(it->second);
    }
    for (const auto& list : {&s->body, &s->orelse}) {
      for (const StmtPtr& c : *list) {
        auto sub = statementsUnder(c);
        out.insert(out.end(), sub.begin(), sub.end());
      }
    }
    return out;
  }

  /// Builds `block` at the leaf `pos`; returns the node now at that position.
  isl::schedule_node buildBlock(isl::schedule_node pos, const std::vector<StmtPtr>& block) {
    std::vector<StmtPtr> items;
    flatten(block, items);
    if (items.size() == 1) {
      return buildItem(pos, items[0]);
    }
    isl::union_set_list filters(pos.ctx(), static_cast<int>(items.size()));
    for (const StmtPtr& s : items) {
      filters = filters.add(instancesUnder(s));
    }
    isl::schedule_node seq = pos.insert_sequence(filters);
    for (size_t k = 0; k < items.size(); ++k) {
      isl::schedule_node child = buildItem(seq.child(static_cast<int>(k)).child(0), items[k]);
      seq = child.parent().parent();
    }
    return seq;
  }

  isl::schedule_node buildItem(isl::schedule_node pos, const StmtPtr& s) {
    if (s->kind != StmtKind::For) {
      return pos; // a statement: the leaf stays
    }
    // The perfect nest starting at s: loops whose body is exactly one loop.
    std::vector<StmtPtr> chain{s};
    while (chain.back()->body.size() == 1 && chain.back()->body[0]->kind == StmtKind::For &&
           chain.back()->body[0]->bandLabel.empty()) {
      chain.push_back(chain.back()->body[0]);
    }
    std::vector<int> stmts = statementsUnder(s);
    isl::union_pw_aff_list members(pos.ctx(), static_cast<int>(chain.size()));
    BandNames names;
    for (const StmtPtr& loop : chain) {
      isl::union_pw_aff member;
      for (int si : stmts) {
        const Statement& st = fn_.statements[si];
        auto at = std::find(st.loops.begin(), st.loops.end(), loop);
        int dim = static_cast<int>(at - st.loops.begin());
        isl::union_pw_aff piece(
            isl::pw_aff(st.domain.space().identity_multi_aff_on_domain().at(dim)));
        member = member.is_null() ? piece : member.union_add(piece);
      }
      members = members.add(member);
      names.loops.push_back(loop->name);
      LoopAttrs attrs;
      attrs.pipelineII = loop->hints.pipelineII;
      attrs.unroll = loop->hints.unrollFactor;
      attrs.unfold = loop->hints.unfold;
      names.attrs.push_back(attrs);
    }
    if (!s->bandLabel.empty()) {
      names.band = s->bandLabel;
    } else {
      names.band = "S";
      for (const auto& n : names.loops) {
        names.band += "_" + n;
      }
      names.band += fmt::format("_{}", bandCount_);
    }
    ++bandCount_;
    isl::space space = fn_.context.space().add_unnamed_tuple(static_cast<unsigned>(chain.size()));
    isl::schedule_node band = pos.insert_partial_schedule(space.multi_union_pw_aff(members));
    isl::schedule_node inner = buildBlock(band.child(0), chain.back()->body);
    band = inner.parent();
    return band.insert_mark(makeBandMark(band.ctx(), std::move(names)));
  }

  const FunctionModel& fn_;
  std::map<const core::StmtNode*, int> index_;
  int bandCount_ = 0;
};

} // namespace

isl::schedule buildInitialSchedule(const FunctionModel& fn) { return TreeBuilder(fn).build(); }

} // namespace polyallo::poly
