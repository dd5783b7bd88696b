// The spatial primitives: unfold (processing elements) and to (streams
// between them). unfold is a loop attribute, legal when the PEs share no data
// except through streams; to rewrites a buffer's load copies into a relay of
// FIFOs between neighbouring PEs.
#include "polyhedral/Affine.h"
#include "polyhedral/IslShim.h"
#include "polyhedral/ModelEdit.h"
#include "polyhedral/Schedule.h"
#include "polyhedral/Unfold.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace polyallo::poly {

namespace {

/// The load copy of a buffer: the one statement that writes it with a read
/// of another array (buffer_at's `<loop>_init` nest).
int loadCopyOf(const FunctionModel& fm, const core::ArrayDecl& buffer) {
  int found = -1;
  for (size_t s = 0; s < fm.statements.size(); ++s) {
    const core::StmtNode& st = *fm.statements[s].stmt;
    if (st.kind == core::StmtKind::Assign && st.target.get() == &buffer &&
        st.value->kind == core::ExprKind::Read && st.value->array.get() != &buffer) {
      found = found < 0 ? static_cast<int>(s) : -2;
    }
  }
  return found;
}

/// The store copy of a buffer (`<loop>_back`): a plain read of it into an
/// array that is not a stream; -1 when the PEs only read the buffer.
int storeCopyOf(const FunctionModel& fm, const core::ArrayDecl& buffer) {
  for (size_t s = 0; s < fm.statements.size(); ++s) {
    const core::StmtNode& st = *fm.statements[s].stmt;
    if (st.kind == core::StmtKind::Assign && st.value->kind == core::ExprKind::Read &&
        st.value->array.get() == &buffer && st.target.get() != &buffer && !st.target->isStream()) {
      return static_cast<int>(s);
    }
  }
  return -1;
}

/// The domain dimension of `statement` that band member `member` equals,
/// or -1 when the member is not one dimension of it.
int dimensionOf(const isl::union_pw_aff& member, const Statement& statement) {
  isl::pw_multi_aff value = member.intersect_domain(isl::union_set(statement.domain))
                                .as_union_map()
                                .as_map()
                                .as_pw_multi_aff();
  if (value.n_piece() != 1) {
    return -1;
  }
  int dim = -1;
  value.foreach_piece([&](const isl::set&, const isl::multi_aff& ma) {
    AffTerms t = affTerms(ma.at(0));
    if (!t.constant.is_zero() || !t.params.empty() || !t.divCoefficients.empty()) {
      return;
    }
    for (size_t d = 0; d < t.dims.size(); ++d) {
      if (t.dims[d].is_one() && dim == -1) {
        dim = static_cast<int>(d);
      } else if (!t.dims[d].is_zero()) {
        dim = -2;
      }
    }
  });
  return dim >= 0 ? dim : -1;
}

/// `space`'s identity with dimension `dim` shifted by `by`.
isl::multi_aff shift(const isl::space& space, int dim, int64_t by) {
  isl::multi_aff id = space.identity_multi_aff_on_domain();
  return id.set_at(dim, id.at(dim).add_constant(isl::val(space.ctx(), static_cast<long>(by))));
}

/// Whether every instance x of `domain` whose successor x + e_dim is in it
/// reads the same element as that successor, and whether the instances of
/// consecutive values of `dim` are the same: the buffer's contents do not
/// change along `dim`, so one PE can pass them to the next.
bool invariantAlong(const isl::set& domain, const isl::map& access, int dim, int64_t lo,
                    int64_t hi) {
  isl::space space = domain.space();
  isl::map next = shift(space, dim, 1).as_map().intersect_domain(domain).intersect_range(domain);
  isl::set notLast = domain.intersect(between(space, dim, lo, hi));
  isl::set notFirst = domain.intersect(between(space, dim, lo + 1, hi + 1));
  if (!notLast.apply(shift(space, dim, 1).as_map()).is_equal(notFirst)) {
    return false;
  }
  isl::map here = next.reverse().apply_range(access);     // x + e -> what x reads
  isl::map there = access.intersect_domain(next.range()); // x + e -> what x + e reads
  return here.is_equal(there);
}

} // namespace

Schedule& Schedule::unfold(const std::string& band, const std::vector<int64_t>& axes,
                           const std::vector<int64_t>& factors, Here here) {
  std::vector<int64_t> values{static_cast<int64_t>(axes.size())};
  values.insert(values.end(), axes.begin(), axes.end());
  values.insert(values.end(), factors.begin(), factors.end());
  return run({"unfold", "", {band}, values, false, {}}, here);
}

std::string Schedule::to(const std::string& buffer, const std::string& band,
                         std::optional<int64_t> axis, int64_t depth, Here here) {
  run({"to", "", {buffer, band}, {axis.value_or(-1), depth}, axis.has_value(), {}}, here);
  const auto& buffers = functionModel(steps_.back().function).buffers;
  return buffers.back()->name;
}

void Schedule::applyUnfold(const Step& step) {
  Loop band = findBand(step, step.names.at(0));
  const BandNames& names = band.band.names;
  size_t count = static_cast<size_t>(step.values.at(0));
  std::vector<int64_t> axes(step.values.begin() + 1, step.values.begin() + 1 + count);
  std::vector<int64_t> factors(step.values.begin() + 1 + count, step.values.end());
  auto loops = [&] {
    std::vector<std::string> list;
    for (size_t m = 0; m < names.loops.size(); ++m) {
      list.push_back(fmt::format("{} = {}", m, names.loops[m]));
    }
    return fmt::format("{}", fmt::join(list, ", "));
  };
  require(!axes.empty(), ErrorKind::InvalidArgument,
          fmt::format("unfold(\"{}\") names no axis; its loops are {}", names.band, loops()),
          step.loc);
  require(factors.empty() || factors.size() == axes.size(), ErrorKind::InvalidArgument,
          fmt::format("unfold(\"{}\") has {} axes but {} factors; give one factor per axis",
                      names.band, axes.size(), factors.size()),
          step.loc);
  BandNames unfolded = names;
  unfolded.attrs.resize(names.loops.size());
  std::set<int64_t> seen;
  for (size_t k = 0; k < axes.size(); ++k) {
    int64_t a = axes[k];
    require(a >= 0 && a < static_cast<int64_t>(names.loops.size()) && seen.insert(a).second,
            ErrorKind::InvalidArgument,
            fmt::format("unfold(\"{}\"): axis {} is not one of the band's loops, or repeats; "
                        "its loops are {}",
                        names.band, a, loops()),
            step.loc);
    const std::string& loop = names.loops[static_cast<size_t>(a)];
    std::optional<int64_t> trips =
        memberRange(bandMember(trees_.at(band.function), band.band, static_cast<size_t>(a)),
                    band.band.domain)
            .trips();
    require(trips.has_value(), ErrorKind::InvalidSchedule,
            fmt::format("unfold(\"{}\"): loop '{}' has no constant trip count; a PE per "
                        "iteration needs one",
                        names.band, loop),
            step.loc);
    if (!factors.empty()) {
      require(factors[k] == *trips, ErrorKind::InvalidArgument,
              fmt::format("unfold(\"{}\"): factor {} for loop '{}' of {} iterations; unfold "
                          "makes one PE per iteration (factor {}); for {} PEs, split(\"{}\", "
                          "{}) first and unfold \"{}.inner\"",
                          names.band, factors[k], loop, *trips, *trips, factors[k], loop,
                          factors[k], loop),
              step.loc);
    }
    unfolded.attrs[static_cast<size_t>(a)].unfold = true;
  }
  isl::schedule tree = withNames(band, unfolded);
  if (std::optional<std::string> why =
          sharingViolation(functionModel(band.function), tree, PendingRelays::Allowed)) {
    throw Error(ErrorKind::IllegalSchedule,
                fmt::format("unfold(\"{}\") is illegal in function '{}': {}", names.band,
                            band.function, *why),
                step.loc);
  }
  commit(step, band.function, tree, Check::Nothing);
}

void Schedule::applyTo(const Step& step) {
  // "func:A_buf" (a handle of another function's schedule) names A_buf.
  std::string bufferName = step.names.at(0).substr(step.names.at(0).rfind(':') + 1);
  std::string call = fmt::format("to({}, \"{}\")", bufferName, step.names.at(1));
  if (!step.flag) {
    applyStageStream(step);
    return;
  }
  Loop band = findBand(step, step.names.at(1));
  const FunctionModel& fm = functionModel(band.function, step.loc);
  std::vector<size_t> unfolded = unfoldedMembers(band.band.names);
  require(!unfolded.empty(), ErrorKind::InvalidSchedule,
          fmt::format("{}: band '{}' has no unfolded loop; unfold it first "
                      "(pe = s.unfold(\"{}\", axis=[...]))",
                      call, band.band.names.band, band.band.names.band),
          step.loc);
  auto buffer = fm.array(bufferName, "to", step.loc);
  int load = loadCopyOf(fm, *buffer);
  require(load >= 0 && std::find(fm.buffers.begin(), fm.buffers.end(), buffer) != fm.buffers.end(),
          ErrorKind::InvalidSchedule,
          fmt::format("{}: '{}' is not a buffer that buffer_at loads inside band '{}'; relay a "
                      "buffer: buf = s.buffer_at(A, loop) in the PE band, then s.to(buf, pe, "
                      "axis=...)",
                      call, bufferName, band.band.names.band),
          step.loc);
  const Statement& copy = fm.statements[static_cast<size_t>(load)];
  int store = storeCopyOf(fm, *buffer);
  const isl::schedule& tree = trees_.at(band.function);
  isl::map access;
  for (const Reference& r : fm.refs) {
    if (r.statement == load && !r.write) {
      access = r.access;
    }
  }
  // The PE coordinates of the copy's instances, as its domain dimensions.
  std::vector<int> dims;
  std::vector<int64_t> lo, hi;
  for (size_t m : unfolded) {
    int d = dimensionOf(bandMember(tree, band.band, m), copy);
    MemberRange range = memberRange(bandMember(tree, band.band, m), band.band.domain);
    require(d >= 0 && range.min && range.max && range.stride == 1, ErrorKind::InvalidSchedule,
            fmt::format("{}: the load of '{}' does not run once per PE of loop '{}'", call,
                        bufferName, band.band.names.loops[m]),
            step.loc);
    dims.push_back(d);
    lo.push_back(*range.min);
    hi.push_back(*range.max);
  }
  std::optional<isl::map> storeAccess;
  if (store >= 0) {
    const Statement& back = fm.statements[static_cast<size_t>(store)];
    // A buffer the PEs update moves on after they computed: the last PE
    // stores it. Loops around the relay that no PE unfolds would let the
    // first PE load the next iteration's elements before the last stored.
    require(back.domain.tuple_dim() == copy.domain.tuple_dim() &&
                copy.domain.tuple_dim() - buffer->rank() == unfolded.size(),
            ErrorKind::NotImplemented,
            fmt::format("{}: '{}' is updated by the PEs and a loop that is not unfolded runs "
                        "around it; relaying such a buffer is not implemented yet: unfold "
                        "every loop down to its buffer_at loop",
                        call, bufferName),
            step.loc);
    for (const Reference& r : fm.refs) {
      if (r.statement == store && r.write) {
        storeAccess = r.access;
      }
    }
  }
  std::vector<size_t> candidates;
  for (size_t k = 0; k < dims.size(); ++k) {
    if (invariantAlong(copy.domain, access, dims[k], lo[k], hi[k]) &&
        (!storeAccess || invariantAlong(fm.statements[static_cast<size_t>(store)].domain,
                                        *storeAccess, dims[k], lo[k], hi[k]))) {
      candidates.push_back(k);
    }
  }
  auto loopsText = [&](const std::vector<size_t>& which) {
    std::vector<std::string> list;
    for (size_t k : which) {
      list.push_back(fmt::format("{} ({})", k, band.band.names.loops[unfolded[k]]));
    }
    return list.empty() ? std::string("none") : fmt::format("{}", fmt::join(list, ", "));
  };
  std::vector<size_t> all(dims.size());
  for (size_t k = 0; k < all.size(); ++k) {
    all[k] = k;
  }
  require(!candidates.empty(), ErrorKind::IllegalSchedule,
          fmt::format("{}: every PE loads different elements into '{}' along every unfolded "
                      "loop ({}); a relay passes the same elements from PE to PE, so the "
                      "buffer must not depend on the loop it moves along",
                      call, bufferName, loopsText(all)),
          step.loc);
  int64_t axis = step.values.at(0);
  // axis counts the band's loops when it names an unfolded one (Allo's
  // spelling), else the unfolded loops alone.
  auto named = std::find(unfolded.begin(), unfolded.end(), static_cast<size_t>(axis));
  if (axis >= 0 && named != unfolded.end()) {
    axis = named - unfolded.begin();
  }
  require(axis >= 0 && axis < static_cast<int64_t>(dims.size()), ErrorKind::InvalidArgument,
          fmt::format("{}: axis={} is not an unfolded loop of band '{}'; they are {}", call, axis,
                      band.band.names.band, loopsText(all)),
          step.loc);
  size_t relay = 0;
  if (std::count(candidates.begin(), candidates.end(), static_cast<size_t>(axis)) != 0) {
    relay = static_cast<size_t>(axis); // Allo's spelling: the axis the data moves along
  } else {
    // The other spelling names the buffer's spatial axis: the relay is the one left.
    require(candidates.size() == 1, ErrorKind::IllegalSchedule,
            fmt::format("{}: '{}' holds different elements along axis {}, so it cannot move "
                        "along it; it can move along {}",
                        call, bufferName, axis, loopsText(candidates)),
            step.loc);
    relay = candidates[0];
  }
  int64_t depth = step.values.at(1) < 0 ? 2 : step.values.at(1);
  require(depth >= 1, ErrorKind::InvalidArgument,
          fmt::format("{}: depth={} is not a FIFO depth; give 1 or more (-1: 2)", call,
                      step.values.at(1)),
          step.loc);

  ModelEdit edit(fm);
  std::vector<int64_t> shape;
  for (size_t k = 0; k < dims.size(); ++k) {
    shape.push_back(hi[k] - lo[k] + 1);
  }
  auto fifo = edit.addBuffer(freshArrayName(fm, bufferName + "_fifo"), *buffer, shape, step.loc);
  fifo->streamDepth = depth;
  isl::space space = copy.domain.space();
  int a = dims[relay];
  // FIFO c feeds the PE at coordinates c: its predecessor puts, it gets.
  isl::multi_aff id = space.identity_multi_aff_on_domain();
  isl::aff_list here(space.ctx(), static_cast<int>(dims.size()));
  for (size_t k = 0; k < dims.size(); ++k) {
    here = here.add(id.at(dims[k]).add_constant(isl::val(space.ctx(), static_cast<long>(-lo[k]))));
  }
  isl::multi_aff fifoHere(
      space.add_named_tuple(isl::id(space.ctx(), fifo->name), static_cast<unsigned>(dims.size())),
      here);
  isl::multi_aff fifoNext = fifoHere.pullback(shift(space, a, 1));
  // A new statement over the instances of copy statement `of` in `where`:
  // dst[..] = src[..], indices given on `of`'s space.
  isl::union_pw_multi_aff asCopy = isl::union_pw_multi_aff::empty(space.ctx());
  // The instances of copy `of` whose relay coordinate lies in [from, to).
  auto along = [&](int of, int64_t from, int64_t to) {
    return between(fm.statements[static_cast<size_t>(of)].domain.space(), a, from, to);
  };
  auto add = [&](int of, const isl::set& where, const std::shared_ptr<core::ArrayDecl>& dst,
                 const isl::multi_aff& dstIndex, const std::shared_ptr<core::ArrayDecl>& src,
                 const isl::multi_aff& srcIndex) {
    const Statement& from = fm.statements[static_cast<size_t>(of)];
    isl::multi_aff toNew = renaming(from.domain.space(), edit.nextStatementName());
    isl::multi_aff toOld = renaming(toNew.space().range(), tupleName(from.domain));
    isl::set domain = from.domain.intersect(where).apply(toNew.as_map());
    std::vector<std::string> loopNames;
    for (const auto& loop : from.loops) {
      loopNames.push_back(loop->name);
    }
    edit.addCopy(domain, loopNames, dst, dstIndex.pullback(toOld), src, srcIndex.pullback(toOld),
                 step.loc);
    asCopy = asCopy.union_add(isl::union_pw_multi_aff(isl::pw_multi_aff(toOld)));
    return domain;
  };
  auto bufferIndexOf = [&](int statement) {
    for (const Reference& r : fm.refs) {
      if (r.statement == statement && r.array == buffer->name) {
        return singlePiece(r.access.as_pw_multi_aff(), "the buffer's copy");
      }
    }
    return isl::multi_aff();
  };
  int64_t first = lo[relay], last = hi[relay];
  isl::multi_aff loadIndex = bufferIndexOf(load);
  isl::set gets = add(load, along(load, first + 1, last + 1), buffer, loadIndex, fifo, fifoHere);
  std::optional<isl::set> puts; // forwarded right after the load
  if (store < 0) {
    puts = add(load, along(load, first, last), fifo, fifoNext, buffer, loadIndex);
  } else {
    // The FIFO index functions are on the load's space; the store's instances
    // have the same dimensions.
    isl::multi_aff onStore =
        renaming(fm.statements[static_cast<size_t>(store)].domain.space(), tupleName(copy.domain));
    add(store, along(store, first, last), fifo, fifoNext.pullback(onStore), buffer,
        bufferIndexOf(store));
    edit.restrict(store, along(store, last, last + 1));
  }
  edit.restrict(load, along(load, first, first + 1));

  // The new statements run where their copy ran (pulled back onto it); a
  // forwarding put right after the load in the same iteration.
  fm.domain.foreach_set([&](const isl::set& st) {
    asCopy = asCopy.union_add(
        isl::union_pw_multi_aff(isl::pw_multi_aff(st.space().identity_multi_aff_on_domain())));
  });
  const FunctionModel& edited = edit.model();
  isl::union_set domain = isl::union_set::empty(space.ctx());
  for (const Statement& st : edited.statements) {
    domain = domain.unite(isl::union_set(st.domain));
  }
  isl::schedule placed = intersectDomain(tree.pullback(asCopy), domain);
  if (puts && !puts->is_empty()) {
    isl::union_set loadSide = isl::union_set(edited.statements[static_cast<size_t>(load)].domain)
                                  .unite(isl::union_set(gets));
    std::optional<isl::schedule> sequenced;
    std::function<void(isl::schedule_node)> visit = [&](isl::schedule_node node) {
      if (sequenced) {
        return;
      }
      if (node.isa<isl::schedule_node_leaf>()) {
        isl::union_set reaching = node.prefix_schedule_union_map().domain();
        if (!reaching.intersect(isl::union_set(*puts)).is_empty()) {
          isl::union_set_list filters(space.ctx(), 2);
          filters = filters.add(reaching.intersect(loadSide));
          filters = filters.add(reaching.intersect(isl::union_set(*puts)));
          sequenced = node.insert_sequence(filters).schedule();
        }
        return;
      }
      for (int c = 0, n = static_cast<int>(node.n_children()); c < n; ++c) {
        visit(node.child(c));
      }
    };
    visit(placed.root());
    require(sequenced.has_value(), ErrorKind::Internal,
            fmt::format("{}: the load of '{}' has no leaf in the tree", call, bufferName));
    placed = *sequenced;
  }
  rewritten_[band.function] = std::make_shared<const FunctionModel>(edit.finish(placed));
  commit(step, band.function, placed, Check::ParallelMarks);
}

} // namespace polyallo::poly
