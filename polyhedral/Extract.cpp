// Statements, iteration domains and tagged accesses (Extract.h).
//
// One walk over the statement tree collects each assignment or call with its
// enclosing loops, the affine conditions in effect (they restrict the
// domain) and the data-dependent guards (they turn writes into may-writes).
#include "polyhedral/Extract.h"

#include "polyhedral/Affine.h"
#include "polyhedral/IslShim.h"

#include <fmt/format.h>
#include <functional>

namespace polyallo::poly {

using core::Expr;
using core::ExprKind;
using core::StmtKind;
using core::StmtPtr;

namespace {

/// An affine condition in effect; `negated` inside an else branch.
struct Condition {
  Expr cond;
  bool negated = false;
};

class StatementCollector {
public:
  StatementCollector(isl::ctx ctx, const core::Module& module, const core::Function& fn,
                     const std::map<std::string, const FunctionModel*>& callees)
      : ctx_(ctx), module_(module), fn_(fn), callees_(callees), params_(isl::space::unit(ctx)) {
    for (const auto& p : module.params()) {
      params_ = params_.add_param(p);
    }
  }

  FunctionModel run() {
    model_.fn = &fn_;
    model_.context = params_.universe_set();
    for (const auto& p : module_.params()) {
      isl::pw_aff value(params_.param_aff_on_domain(p));
      isl::pw_aff one(params_.zero_aff_on_domain().add_constant(1));
      model_.context = model_.context.intersect(value.ge_set(one));
    }
    model_.arrayExtents = isl::union_set::empty(ctx_);
    for (const auto& a : fn_.arrays()) {
      isl::set extent = extentOf(*a);
      extents_.emplace(a.get(), extent);
      model_.arrayExtents = model_.arrayExtents.unite(isl::union_set(extent));
    }
    std::vector<StmtPtr> loops;
    std::vector<Condition> conds;
    std::vector<Expr> guards;
    collect(fn_.body(), loops, conds, guards);

    model_.indexAccesses();
    model_.schedule = buildInitialSchedule(model_);
    // isl's C++ objects cannot be copied while null: start with no dependences.
    Dependences& d = model_.deps;
    d.flow = d.anti = d.output = d.taggedFlow = d.taggedAnti = d.taggedOutput = d.liveIn =
        isl::union_map::empty(ctx_);
    return std::move(model_);
  }

private:
  isl::space arraySpace(const core::ArrayDecl& a) const {
    std::vector<std::string> names;
    for (size_t d = 0; d < a.rank(); ++d) {
      names.push_back(fmt::format("d{}", d));
    }
    return withDimNames(params_.add_named_tuple(isl::id(ctx_, a.name), a.rank()), names);
  }

  /// { A[d0, ..] : 0 <= d_k < extent_k }
  isl::set extentOf(const core::ArrayDecl& a) const {
    isl::space space = arraySpace(a);
    isl::set box = space.universe_set();
    isl::multi_aff id = space.identity_multi_aff_on_domain();
    for (size_t d = 0; d < a.rank(); ++d) {
      isl::pw_aff index(id.at(static_cast<int>(d)));
      isl::pw_aff zero(space.zero_aff_on_domain());
      isl::pw_aff extent = toPwAff(a.shape[d], space, {});
      box = box.intersect(index.ge_set(zero)).intersect(index.lt_set(extent));
    }
    return box;
  }

  void collect(const std::vector<StmtPtr>& stmts, std::vector<StmtPtr>& loops,
               std::vector<Condition>& conds, std::vector<Expr>& guards) {
    for (const StmtPtr& s : stmts) {
      switch (s->kind) {
      case StmtKind::For:
        loops.push_back(s);
        collect(s->body, loops, conds, guards);
        loops.pop_back();
        break;
      case StmtKind::If:
        if (core::isAffineCondition(s->cond)) {
          conds.push_back({s->cond, false});
          collect(s->body, loops, conds, guards);
          conds.back().negated = true;
          collect(s->orelse, loops, conds, guards);
          conds.pop_back();
        } else {
          guards.push_back(s->cond);
          collect(s->body, loops, conds, guards);
          guards.back() = core::unary(core::UnOp::Not, s->cond, s->loc);
          collect(s->orelse, loops, conds, guards);
          guards.pop_back();
        }
        break;
      case StmtKind::Assign:
      case StmtKind::Call:
        addStatement(s, loops, conds, guards);
        break;
      }
    }
  }

  void addStatement(const StmtPtr& s, const std::vector<StmtPtr>& loops,
                    const std::vector<Condition>& conds, const std::vector<Expr>& guards) {
    Statement st;
    st.name = fmt::format("S{}", model_.statements.size());
    st.stmt = s;
    st.loops = loops;
    st.guards = guards;
    std::vector<std::string> names;
    IteratorDims dims;
    for (size_t d = 0; d < loops.size(); ++d) {
      names.push_back(loops[d]->name);
      dims[loops[d]->var.get()] = static_cast<int>(d);
    }
    isl::space space =
        withDimNames(params_.add_named_tuple(isl::id(ctx_, st.name), loops.size()), names);
    isl::set domain = space.universe_set();
    isl::multi_aff id = space.identity_multi_aff_on_domain();
    for (size_t d = 0; d < loops.size(); ++d) {
      const core::StmtNode& loop = *loops[d];
      isl::pw_aff iter(id.at(static_cast<int>(d)));
      isl::pw_aff lb = toPwAff(loop.lb, space, dims);
      domain =
          domain.intersect(iter.ge_set(lb)).intersect(iter.lt_set(toPwAff(loop.ub, space, dims)));
      if (loop.step > 1) {
        // i = lb + step * t for some integer t
        isl::pw_aff offset = iter.sub(lb).mod(isl::val(ctx_, static_cast<long>(loop.step)));
        domain = domain.intersect(offset.eq_set(isl::pw_aff(space.zero_aff_on_domain())));
      }
    }
    for (const Condition& c : conds) {
      isl::set allowed = toSet(c.cond, space, dims);
      domain = domain.intersect(c.negated ? space.universe_set().subtract(allowed) : allowed);
    }
    st.domain = domain.intersect_params(model_.context).coalesce();
    int index = static_cast<int>(model_.statements.size());
    model_.statements.push_back(st);
    addReferences(index, space, dims);
  }

  void addReferences(int index, const isl::space& space, const IteratorDims& dims) {
    const Statement& st = model_.statements[index];
    const core::StmtNode& s = *st.stmt;
    bool guarded = !st.guards.empty();
    if (s.kind == StmtKind::Call) {
      addCallFootprints(index, space);
      return;
    }
    std::function<void(const Expr&)> reads = [&](const Expr& e) {
      if (e->kind == ExprKind::Read) {
        addReference(index, space, dims, *e->array, e->ops, false, false, e->loc);
        if (e->array->isStream()) { // a get changes the FIFO: later gets stay after it
          addReference(index, space, dims, *e->array, e->ops, true, !guarded, e->loc);
          markStream(StreamOp::Get, 2);
        }
      }
      for (const Expr& op : e->ops) {
        reads(op);
      }
    };
    for (const Expr& g : st.guards) {
      reads(g);
    }
    for (const Expr& i : s.indices) {
      reads(i);
    }
    reads(s.value);
    if (s.target->isStream()) { // a put reads where the FIFO stands: puts stay in order
      addReference(index, space, dims, *s.target, s.indices, false, false, s.loc);
    }
    addReference(index, space, dims, *s.target, s.indices, true, !guarded, s.loc);
    if (s.target->isStream()) {
      markStream(StreamOp::Put, 2);
    }
  }

  /// Tags the last `count` references as one access of a stream.
  void markStream(StreamOp op, size_t count) {
    for (size_t r = model_.refs.size() - count; r < model_.refs.size(); ++r) {
      model_.refs[r].stream = op;
    }
  }

  void addReference(int index, const isl::space& space, const IteratorDims& dims,
                    const core::ArrayDecl& array, const std::vector<Expr>& indices, bool write,
                    bool must, const SourceLoc& loc) {
    Reference r;
    r.tag = fmt::format("R{}", model_.refs.size());
    r.statement = index;
    r.array = array.name;
    r.write = write;
    isl::space mapSpace = space.add_named_tuple(isl::id(ctx_, array.name), array.rank());
    r.affine = std::all_of(indices.begin(), indices.end(),
                           [](const Expr& e) { return core::isAffine(e); });
    const isl::set& extent = extents_.at(&array);
    if (r.affine && !indices.empty()) {
      isl::pw_aff_list list(ctx_, static_cast<int>(indices.size()));
      for (const Expr& e : indices) {
        list = list.add(toPwAff(e, space, dims));
      }
      r.access = mapSpace.multi_pw_aff(list).as_map();
    } else {
      // A subscript that depends on data may touch any element.
      r.access = isl::map::universe(mapSpace).intersect_range(extent);
    }
    r.access = r.access.intersect_domain(model_.statements[index].domain);
    r.must = must && r.affine;
    if (r.affine && model_.statements[index].guards.empty()) {
      checkInBounds(r, array, extent, loc);
    }
    model_.refs.push_back(std::move(r));
  }

  void checkInBounds(const Reference& r, const core::ArrayDecl& array, const isl::set& extent,
                     const SourceLoc& loc) const {
    isl::map outside =
        r.access.intersect_params(model_.context).intersect_range(extent.complement());
    if (outside.is_empty()) {
      return;
    }
    const Statement& st = model_.statements[r.statement];
    throw Error(ErrorKind::OutOfBounds,
                fmt::format("{} of '{}' ({}) in function '{}' can leave the array: for example "
                            "{}; every access must stay within 0 <= index < extent",
                            r.write ? "a write" : "a read", array.name, array.typeStr(), fn_.name(),
                            islStr(outside.wrap().sample_point())),
                loc.known() ? loc : st.stmt->loc);
  }

  /// A call reads and writes what the callee reads and writes of its
  /// parameters, renamed to the caller's arrays, at every call instance.
  void addCallFootprints(int index, const isl::space& space) {
    const Statement& st = model_.statements[index];
    const core::StmtNode& s = *st.stmt;
    auto it = callees_.find(s.callee);
    require(it != callees_.end(), ErrorKind::Internal,
            fmt::format("callee '{}' was not extracted before '{}'", s.callee, fn_.name()));
    const FunctionModel& callee = *it->second;
    auto params = callee.fn->params();
    bool guarded = !st.guards.empty();
    for (size_t p = 0; p < params.size(); ++p) {
      const core::ArrayDecl& actual = *s.args[p];
      const isl::set& extent = extents_.at(&actual);
      // actual[d..] -> param[d..]: renames the callee's footprint to the caller's array.
      isl::multi_aff toParam = arraySpace(actual).identity_multi_aff_on_domain().set_range_tuple(
          isl::id(ctx_, params[p]->name));
      auto footprint = [&](const isl::union_map& accesses) {
        return accesses.range().extract_set(arraySpace(*params[p])).preimage(toParam);
      };
      isl::space mapSpace = space.add_named_tuple(isl::id(ctx_, actual.name), actual.rank());
      auto add = [&](const isl::set& touched, bool write, bool must) {
        if (touched.is_empty()) {
          return;
        }
        Reference r;
        r.tag = fmt::format("R{}", model_.refs.size());
        r.statement = index;
        r.array = actual.name;
        r.write = write;
        r.must = must && !guarded;
        r.access = isl::map::universe(mapSpace).intersect_domain(st.domain).intersect_range(
            touched.intersect(extent));
        model_.refs.push_back(std::move(r));
      };
      isl::set mustSet = footprint(callee.mustWrites);
      add(footprint(callee.deps.liveIn), false, false);
      add(mustSet, true, true);
      add(footprint(callee.mayWrites).subtract(mustSet), true, false);
    }
  }

  isl::ctx ctx_;
  const core::Module& module_;
  const core::Function& fn_;
  const std::map<std::string, const FunctionModel*>& callees_;
  isl::space params_;
  FunctionModel model_;
  std::map<const core::ArrayDecl*, isl::set> extents_; // of every array of fn_, computed once
};

} // namespace

FunctionModel extractStatements(isl::ctx ctx, const core::Module& module, const core::Function& fn,
                                const std::map<std::string, const FunctionModel*>& callees) {
  return StatementCollector(ctx, module, fn, callees).run();
}

} // namespace polyallo::poly
