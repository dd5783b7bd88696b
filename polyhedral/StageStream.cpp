// to(A, consumer) without axis=: stream a local array from the statement
// that last writes it (a call or a loop nest) to the ones that read it
// afterwards, through one FIFO. The function becomes a dataflow region of two
// stages that run concurrently:
//
//   Y = 0                          stage 0: Y = 0; mm1(X, W, Y)
//   mm1(X, W, Y)            ->              for i, j: Y_fifo.put(Y[i, j])
//   mm2(Y, V, Z)                   stage 1: for i, j: Y_in[i, j] = Y_fifo.get()
//                                           mm2(Y_in, V, Z)
//
// Stage 0 is the producer and everything it depends on (its backward slice
// over the dependences); everything else runs in stage 1. The FIFO carries
// every element of the array in row-major order, so the consumer sees exactly
// what the producer left, whatever order either accesses it in.
#include "polyhedral/IslShim.h"
#include "polyhedral/ModelEdit.h"
#include "polyhedral/Schedule.h"
#include "polyhedral/Unfold.h"

#include <fmt/format.h>

#include <set>

namespace polyallo::poly {

namespace {

/// The statements `target` depends on, transitively, and itself.
std::set<std::string> backwardSlice(const FunctionModel& fm, const std::string& target) {
  std::set<std::pair<std::string, std::string>> edges; // sink <- source
  fm.deps.all().foreach_map([&](const isl::map& m) {
    edges.insert({tupleName(m.range()), tupleName(m.domain())});
  });
  std::set<std::string> slice{target};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [sink, source] : edges) {
      if (slice.count(sink) != 0 && slice.insert(source).second) {
        grew = true;
      }
    }
  }
  return slice;
}

/// The constant point of `set`, as a function from `from` to it.
isl::multi_aff toPoint(const isl::space& from, const isl::set& point) {
  isl::aff_list values(from.ctx(), static_cast<int>(point.tuple_dim()));
  isl::aff zero(from.zero_aff_on_domain());
  for (unsigned d = 0; d < point.tuple_dim(); ++d) {
    values = values.add(zero.add_constant(point.dim_min_val(static_cast<int>(d))));
  }
  return isl::multi_aff(
      from.add_named_tuple(isl::id(from.ctx(), tupleName(point)), point.tuple_dim()), values);
}

/// A copy nest over every element of an array: `S[e0, ..] : 0 <= e < extent`.
isl::set elementsAs(const FunctionModel& fm, const std::string& array, const std::string& name) {
  isl::set extent;
  fm.arrayExtents.foreach_set([&](const isl::set& s) {
    if (tupleName(s) == array) {
      extent = s;
    }
  });
  return extent.apply(renaming(extent.space(), name).as_map());
}

/// `tree` with a copy nest `copy` (instances over an array's elements) next
/// to the statement instance `at` it was pulled back onto: after it or
/// before it in the same leaf, its own band of loops `loops` (the innermost
/// pipelined) under a mark `band`.
isl::schedule placeNest(const isl::schedule& tree, const isl::set& copy, bool after,
                        const std::string& band, const std::vector<std::string>& loops) {
  std::optional<isl::schedule> out;
  std::function<void(isl::schedule_node)> visit = [&](isl::schedule_node node) {
    if (out) {
      return;
    }
    if (!node.isa<isl::schedule_node_leaf>()) {
      for (int c = 0, n = static_cast<int>(node.n_children()); c < n; ++c) {
        visit(node.child(c));
      }
      return;
    }
    isl::union_set reaching = node.prefix_schedule_union_map().domain();
    isl::union_set nest = reaching.intersect(isl::union_set(copy));
    if (nest.is_empty()) {
      return;
    }
    isl::union_set rest = reaching.subtract(nest);
    isl::union_set_list filters(copy.ctx(), 2);
    filters = after ? filters.add(rest).add(nest) : filters.add(nest).add(rest);
    isl::schedule_node seq = node.insert_sequence(filters);
    isl::schedule_node leaf = seq.child(after ? 1 : 0).child(0);
    std::vector<isl::union_pw_aff> members;
    isl::multi_aff id = copy.space().identity_multi_aff_on_domain();
    for (int d = 0, n = static_cast<int>(id.size()); d < n; ++d) {
      members.push_back(isl::union_pw_aff(isl::pw_aff(id.at(d))));
    }
    if (members.empty()) { // a scalar: nothing to loop over
      out = leaf.schedule();
      return;
    }
    BandNames names{band, loops, std::vector<LoopAttrs>(loops.size())};
    names.attrs.back().pipelineII = 1;
    isl::schedule_node b = leaf.insert_partial_schedule(makeBand(nest, members));
    out = b.insert_mark(makeBandMark(copy.ctx(), names)).schedule();
  };
  visit(tree.root());
  require(out.has_value(), ErrorKind::Internal, "to: the copy nest found no place in the tree");
  return *out;
}

} // namespace

void Schedule::applyStageStream(const Step& step) {
  const std::string& function = step.function;
  const FunctionModel& fm = functionModel(function, step.loc);
  std::string arrayName = step.names.at(0).substr(step.names.at(0).rfind(':') + 1);
  const std::string& dst = step.names.at(1);
  std::string call = fmt::format("to({}, \"{}\")", arrayName, dst);
  auto array = fm.array(arrayName, "to", step.loc);
  require(array->role == core::ArrayRole::Local && !array->isStream(), ErrorKind::InvalidSchedule,
          fmt::format("{}: '{}' is not a local of function '{}' (it is {}); a stream between "
                      "two stages carries a local array the function computes and uses itself",
                      call, arrayName, function,
                      array->isStream() ? "a stream"
                                        : std::string("its ") + core::roleName(array->role)),
          step.loc);
  require(!hasUnfoldedBand(trees_.at(function)), ErrorKind::NotImplemented,
          fmt::format("{}: function '{}' is already a dataflow region; one stream between two "
                      "stages per function is what this version builds",
                      call, function),
          step.loc);
  std::vector<int64_t> shape;
  for (const core::Expr& e : array->shape) {
    int64_t v = 0;
    require(core::constantValue(e, v), ErrorKind::InvalidSchedule,
            fmt::format("{}: '{}' has the symbolic shape {}; a FIFO needs a constant number "
                        "of elements",
                        call, arrayName, array->typeStr()),
            step.loc);
    shape.push_back(v);
  }
  // The producer: the last statement that writes the array; the consumers:
  // the statements after it that read it.
  int producer = -1;
  for (const Reference& r : fm.refs) {
    if (r.array == arrayName && r.write) {
      producer = std::max(producer, r.statement);
    }
  }
  std::vector<int> consumers;
  std::set<std::string> consumerNames;
  for (const Reference& r : fm.refs) {
    if (r.array == arrayName && !r.write && r.statement > producer &&
        (consumers.empty() || consumers.back() != r.statement)) {
      consumers.push_back(r.statement);
    }
  }
  auto nameOf = [&](int s) {
    const Statement& st = fm.statements[static_cast<size_t>(s)];
    return st.stmt->kind == core::StmtKind::Call
               ? st.stmt->callee
               : (st.loops.empty() ? st.name : st.loops.front()->name);
  };
  bool named = false;
  for (int s : consumers) {
    consumerNames.insert(nameOf(s));
    const Statement& st = fm.statements[static_cast<size_t>(s)];
    named = named || nameOf(s) == dst ||
            std::any_of(st.loops.begin(), st.loops.end(), [&](const core::StmtPtr& l) {
              return l->name == dst || l->bandLabel == dst;
            });
  }
  require(producer >= 0 && !consumers.empty() && named, ErrorKind::InvalidSchedule,
          fmt::format("{}: '{}' does not name a consumer of '{}' in function '{}'; {}", call, dst,
                      arrayName, function,
                      producer < 0 || consumers.empty()
                          ? fmt::format("nothing reads '{}' after its last write", arrayName)
                          : fmt::format("what reads it after its last write is {}",
                                        fmt::join(consumerNames, ", "))),
          step.loc);
  const Statement& prod = fm.statements[static_cast<size_t>(producer)];
  const Statement& cons = fm.statements[static_cast<size_t>(consumers.front())];
  isl::set lastWrite = prod.domain.lexmax(), firstRead = cons.domain.lexmin();
  auto constantPoint = [](const isl::set& p) {
    for (unsigned d = 0; d < p.tuple_dim(); ++d) {
      if (!p.dim_min_val(static_cast<int>(d)).is_int()) {
        return false;
      }
    }
    return p.is_singleton();
  };
  require(constantPoint(lastWrite) && constantPoint(firstRead), ErrorKind::InvalidSchedule,
          fmt::format("{}: the loops around the producer or consumer of '{}' have symbolic "
                      "bounds; a stage needs constant ones",
                      call, arrayName),
          step.loc);
  std::set<std::string> first = backwardSlice(fm, prod.name);

  ModelEdit edit(fm);
  auto copyIn = edit.addBuffer(freshArrayName(fm, arrayName + "_in"), *array, shape, step.loc);
  // Added last: Schedule::to returns the last buffer's name.
  auto fifo = edit.addBuffer(freshArrayName(fm, arrayName + "_fifo"), *array, {}, step.loc);
  fifo->streamDepth = step.values.at(1) < 0 ? 2 : step.values.at(1);
  require(fifo->streamDepth >= 1, ErrorKind::InvalidArgument,
          fmt::format("{}: depth={} is not a FIFO depth; give 1 or more (-1: 2)", call,
                      step.values.at(1)),
          step.loc);
  for (int s : consumers) {
    edit.redirect(
        s, *array, copyIn, [](const std::vector<core::Expr>& idx) { return idx; },
        [&](const isl::map& m) { return withRangeName(m, copyIn->name); });
  }
  std::vector<std::string> loops;
  for (size_t d = 0; d < shape.size(); ++d) {
    loops.push_back(fmt::format("{}_{}", arrayName, d));
  }
  auto nest = [&](const std::string& suffix, bool put) {
    std::string name = edit.nextStatementName();
    isl::set domain = elementsAs(fm, arrayName, name);
    isl::multi_aff element = isl::multi_aff(domain.space().identity_multi_aff_on_domain());
    isl::multi_aff at = withRangeTuple(element, arrayName);
    isl::multi_aff atCopy = withRangeTuple(element, copyIn->name);
    isl::multi_aff head(domain.space().add_named_tuple(isl::id(domain.ctx(), fifo->name), 0),
                        isl::aff_list(domain.ctx(), 0));
    std::vector<std::string> names;
    for (const std::string& l : loops) {
      names.push_back(l + suffix);
    }
    if (put) {
      edit.addCopy(domain, names, fifo, head, array, at, step.loc);
    } else {
      edit.addCopy(domain, names, copyIn, atCopy, fifo, head, step.loc);
    }
    return std::make_pair(domain, names);
  };
  auto [puts, putLoops] = nest("_put", true);
  auto [gets, getLoops] = nest("_get", false);

  // Each nest is pulled back onto the producer's last instance (the puts)
  // or the first consumer's first one (the gets), then gets a band of its own.
  isl::union_pw_multi_aff onto{isl::pw_multi_aff(toPoint(puts.space(), lastWrite))};
  onto =
      onto.union_add(isl::union_pw_multi_aff(isl::pw_multi_aff(toPoint(gets.space(), firstRead))));
  fm.domain.foreach_set([&](const isl::set& s) {
    onto = onto.union_add(
        isl::union_pw_multi_aff(isl::pw_multi_aff(s.space().identity_multi_aff_on_domain())));
  });
  isl::union_set domain = isl::union_set::empty(fm.context.ctx());
  for (const Statement& st : edit.model().statements) {
    domain = domain.unite(isl::union_set(st.domain));
  }
  isl::schedule tree = intersectDomain(trees_.at(function).pullback(onto), domain);
  tree = placeNest(tree, puts, true, arrayName + "_put", putLoops);
  tree = placeNest(tree, gets, false, arrayName + "_get", getLoops);

  // The stage band: the producer's slice and the puts are stage 0.
  isl::union_set stage0 = isl::union_set(puts), stage1 = isl::union_set::empty(fm.context.ctx());
  for (const Statement& st : edit.model().statements) {
    if (st.name == tupleName(puts)) {
      continue;
    }
    isl::union_set& side = first.count(st.name) != 0 ? stage0 : stage1;
    side = side.unite(isl::union_set(st.domain));
  }
  isl::schedule_node top = tree.root().child(0);
  while (top.isa<isl::schedule_node_mark>() && bandNames(markId(top)) == nullptr) {
    top = top.child(0); // below the function-level marks (dataflow, inline)
  }
  isl::union_pw_aff stage = constantOn(stage0, 0).union_add(constantOn(stage1, 1));
  BandNames names{"stage", {"stage"}, {LoopAttrs{}}};
  names.attrs[0].unfold = true;
  top = top.insert_partial_schedule(makeBand(domain, {stage}));
  tree = top.insert_mark(makeBandMark(top.ctx(), names)).schedule();

  FunctionModel rewritten = edit.finish(tree);
  if (std::optional<std::string> why = sharingViolation(rewritten, tree)) {
    throw Error(ErrorKind::IllegalSchedule,
                fmt::format("{} is illegal in function '{}': the two stages would share data: {}",
                            call, function, *why),
                step.loc);
  }
  rewritten_[function] = std::make_shared<const FunctionModel>(std::move(rewritten));
  commit(step, function, tree, Check::ParallelMarks);
}

} // namespace polyallo::poly
